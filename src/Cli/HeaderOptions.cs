using KvmSharp.Generator.FrontEnd.Targets;

namespace KvmSharp.Cli;

/// <summary>Which header to read for which target, and where the result goes: what every kvmgen command takes.</summary>
/// <param name="IncludeDirectories">The folders to search, in order: the user's, or the Debian defaults.</param>
/// <param name="IncludesGiven">Whether the user chose the folders (changes what a missing header hint says).</param>
/// <param name="Cross">Whether <see cref="Arch"/> is not this machine's architecture (changes which package holds its headers).</param>
/// <param name="OutputFile">Where to write: the JSON file of dump (null for standard output), the folder of generate.</param>
internal sealed record HeaderOptions(
    TargetArch Arch,
    IReadOnlyList<string> IncludeDirectories,
    bool IncludesGiven,
    string Header,
    string? OutputFile,
    bool Cross = false)
{
    /// <summary><c>--include-first</c>: headers read before <see cref="Header"/>, in order, as clang's <c>-include</c>.</summary>
    public IReadOnlyList<string> IncludeFirst { get; init; } = [];
}
