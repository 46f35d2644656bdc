using KvmSharp.Generator.Targets;

namespace KvmSharp.Cli;

/// <summary>What <c>kvmgen dump</c> was asked to do.</summary>
/// <param name="IncludeDirectories">The folders to search, in order: the user's, or the Debian defaults.</param>
/// <param name="IncludesGiven">Whether the user chose the folders (changes what a missing header hint says).</param>
/// <param name="OutputFile">Where to write the JSON; null for standard output.</param>
internal sealed record DumpOptions(
    TargetArch Arch,
    IReadOnlyList<string> IncludeDirectories,
    bool IncludesGiven,
    string Header,
    string? OutputFile);
