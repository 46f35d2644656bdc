using KvmSharp.Generator.FrontEnd.Targets;

namespace KvmSharp.Cli.Review;

/// <summary>What <c>kvmgen review</c> reads: a patched tree's headers and api.rst, and optionally the tree it will land on.</summary>
/// <param name="Arch">The target whose headers are read.</param>
/// <param name="Include">The patched tree's include folders, in search order.</param>
/// <param name="ApiRst">The patched <c>Documentation/virt/kvm/api.rst</c>.</param>
/// <param name="Base">The include folders of the tree the patch is for (upstream's newest): what is new, and which numbers are taken. Null: no base.</param>
/// <param name="OtherIncludes">Include folders of other architectures' headers: names api.rst mentions that their <c>asm/</c> headers define are theirs, not missing.</param>
/// <param name="Header">The header to read, as <c>#include &lt;...&gt;</c> names it.</param>
internal sealed record ReviewOptions(TargetArch Arch, IReadOnlyList<string> Include, string ApiRst, IReadOnlyList<string>? Base,
    IReadOnlyList<string>? OtherIncludes = null, string Header = "linux/kvm.h");
