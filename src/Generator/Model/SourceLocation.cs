namespace KvmSharp.Generator.Model;

/// <summary>A position in a header: the file as it was opened, and 1-based line and column (bytes, tabs count one).</summary>
public sealed record SourceLocation(string File, int Line, int Column)
{
    /// <summary>A location for things that come from no file (predefined macros, command line).</summary>
    public static SourceLocation BuiltIn { get; } = new("<built-in>", 1, 1);

    /// <inheritdoc/>
    public override string ToString() => $"{File}:{Line}:{Column}";
}
