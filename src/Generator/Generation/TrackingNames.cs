namespace KvmSharp.Generator.Generation;

/// <summary>The names of the generator's steps, for tests that check what a run could reuse.</summary>
public static class TrackingNames
{
    /// <summary>The MSBuild properties, defaults applied.</summary>
    public const string Settings = "KvmSettings";

    /// <summary>The header AdditionalFiles.</summary>
    public const string HeaderFiles = "KvmHeaderFiles";

    /// <summary>The model read from the header.</summary>
    public const string Model = "KvmModel";

    /// <summary>Whether the compilation references KvmSharp's runtime (a type <c>KvmSharp.KvmFileDescriptor</c>).</summary>
    public const string RuntimeReferenced = "KvmRuntimeReferenced";

    /// <summary>The generated C#.</summary>
    public const string Sources = "KvmSources";
}
