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

    /// <summary>The <c>ioctl</c> statements of one <c>*.kvmcontracts</c> file.</summary>
    public const string ContractFile = "KvmContractFile";

    /// <summary>The <c>ioctl</c> statements of every <c>*.kvmcontracts</c> file.</summary>
    public const string StatedIoctls = "KvmStatedIoctls";

    /// <summary>The warnings about ioctls placed by a header comment or by nothing, and unreadable statements.</summary>
    public const string Placement = "KvmPlacement";

    /// <summary>The generated C#.</summary>
    public const string Sources = "KvmSources";

    /// <summary>One <c>KvmUapiHeader</c> item with the settings its unit depends on.</summary>
    public const string UapiHeader = "KvmUapiHeader";

    /// <summary>The model read from one <c>KvmUapiHeader</c> item's header.</summary>
    public const string UapiModel = "KvmUapiModel";

    /// <summary>The generated C# of one <c>KvmUapiHeader</c> item.</summary>
    public const string UapiSources = "KvmUapiSources";
}
