using KvmSharp.Generator.FrontEnd.Targets;

namespace KvmSharp.Cli.Diff;

/// <summary>What <c>kvmgen diff</c> compares: one target's header in two sets of include folders.</summary>
/// <param name="Arch">The target both headers are read for.</param>
/// <param name="Old">The include folders of the old header, in search order.</param>
/// <param name="New">The include folders of the new header.</param>
/// <param name="Header">The header to read, as <c>#include &lt;...&gt;</c> names it.</param>
/// <param name="Json">Write JSON for tools instead of text for people.</param>
internal sealed record DiffOptions(TargetArch Arch, IReadOnlyList<string> Old, IReadOnlyList<string> New, string Header = "linux/kvm.h", bool Json = false);
