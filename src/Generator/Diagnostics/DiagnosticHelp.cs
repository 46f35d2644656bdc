namespace KvmSharp.Generator.Diagnostics;

/// <summary>
/// Where every KvmSharp diagnostic ID (KVM, KVMG, KVMH, KVMB) is explained: one page per ID under docs/diagnostics,
/// the help link the IDE opens. Compiled into the analyzers too (a linked source), so both sides link alike.
/// </summary>
internal static class DiagnosticHelp
{
    /// <summary>The folder of the pages, on the repository's default branch.</summary>
    public const string Base = "https://github.com/kvmsharp/kvmsharp/blob/main/docs/diagnostics/";

    /// <summary>The page of <paramref name="id"/>.</summary>
    public static string Link(string id) => Base + id + ".md";
}
