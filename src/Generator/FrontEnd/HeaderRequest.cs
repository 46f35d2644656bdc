using KvmSharp.Generator.FrontEnd.Targets;

namespace KvmSharp.Generator.FrontEnd;

/// <summary>What to read: a header, the include directories to search in order, and the target.</summary>
/// <param name="Arch">The target whose predefined macros and ABI apply.</param>
/// <param name="IncludeDirectories">Searched in order for <c>#include &lt;...&gt;</c>, after the including file's folder for <c>"..."</c>.</param>
/// <param name="Header">The header to read, as an <c>#include &lt;...&gt;</c> would name it (<c>linux/kvm.h</c>).</param>
public sealed record HeaderRequest(TargetArch Arch, IReadOnlyList<string> IncludeDirectories, string Header = "linux/kvm.h")
{
    /// <summary>
    /// Headers read after <see cref="Header"/>, in order, in the same translation unit (as if <see cref="Header"/> ended
    /// with an <c>#include &lt;...&gt;</c> of each): their records, constants and ioctls join the model, and what they share
    /// with <see cref="Header"/> (<c>linux/types.h</c>) is read once. <c>asm/bootparam.h</c> for a VMM that boots Linux.
    /// </summary>
    public IReadOnlyList<string> AdditionalHeaders { get; init; } = Array.Empty<string>();

    /// <summary>
    /// Headers read before <see cref="Header"/>, in order, in the same translation unit, as clang's <c>-include</c> reads
    /// them: for a header that is not self-contained (<c>linux/if_tun.h</c> and <c>linux/userfaultfd.h</c> use <c>_IOW</c>
    /// without including <c>linux/ioctl.h</c>, which every program that uses them includes first).
    /// </summary>
    public IReadOnlyList<string> IncludeFirst { get; init; } = Array.Empty<string>();
}
