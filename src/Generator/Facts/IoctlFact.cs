using KvmSharp.Generator.Model;
using KvmSharp.Generator.FrontEnd.Targets;

namespace KvmSharp.Generator.Facts;

/// <summary>Whether the kernel still takes an ioctl.</summary>
public enum IoctlStatus
{
    /// <summary>Handled and documented as current.</summary>
    Current,
    /// <summary>Still handled, but api.rst says to use something else.</summary>
    Deprecated,
    /// <summary>Still defined by the header but no longer handled by the kernel (the call fails with ENOTTY or EINVAL).</summary>
    Removed,
}

/// <summary>
/// Where the kernel lets an ioctl be issued, as a fact of the kernel rather than of the header's comments: the
/// fds its dispatchers take it on and the architectures that handle it, with where that was read.
/// </summary>
/// <param name="Name">The request macro (<c>KVM_CREATE_VCPU</c>).</param>
/// <param name="Fds">The fds it may be issued on.</param>
/// <param name="Arches">
/// The KvmSharp targets that handle it, by <see cref="TargetArch.Name"/>; empty with <paramref name="AllArches"/>
/// for every target, empty without it for none of ours (an ioctl of mips or loongarch only).
/// </param>
/// <param name="AllArches">Whether every architecture handles it.</param>
/// <param name="Status">Current, deprecated or removed.</param>
/// <param name="StatusReason">What to use instead, or since when it is gone; null when current.</param>
/// <param name="Source">Where the fact comes from: the api.rst section, or the kernel function whose switch handles it.</param>
/// <param name="Line">The line of the fact in the table, for messages.</param>
/// <param name="Restricted">Fds that only some of the architectures take it on (KVM_ENABLE_CAP's vCPU fd), with those architectures.</param>
public sealed record IoctlFact(
    string Name,
    IoctlFds Fds,
    EquatableArray<string> Arches,
    bool AllArches,
    IoctlStatus Status,
    string? StatusReason,
    string Source,
    int Line,
    EquatableArray<FdRestriction> Restricted = default)
{
    /// <summary>Whether <paramref name="arch"/> handles the ioctl.</summary>
    public bool HandledOn(TargetArch arch) => AllArches || Arches.Contains(arch.Name);

    /// <summary>The fds <paramref name="arch"/> takes the ioctl on: none when it does not handle it.</summary>
    public IoctlFds FdsOn(TargetArch arch)
    {
        if (!HandledOn(arch))
            return IoctlFds.None;
        var fds = Fds;
        foreach (var restriction in Restricted)
        {
            if (!restriction.Arches.Contains(arch.Name))
                fds &= ~IoctlFdSets.Of(restriction.Fd);
        }
        return fds;
    }
}

/// <summary>An fd that only <paramref name="Arches"/> take an ioctl on (<c>vcpu:x86_64+s390x</c> in the table).</summary>
public sealed record FdRestriction(IoctlScope Fd, EquatableArray<string> Arches);
