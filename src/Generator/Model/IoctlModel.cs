namespace KvmSharp.Generator.Model;

/// <summary>The data direction of an ioctl, as decoded with the header's own <c>_IOC_DIR</c>.</summary>
public enum IoctlDirection
{
    /// <summary><c>_IO</c>: no data, the argument is an integer.</summary>
    None,
    /// <summary><c>_IOR</c>: the kernel writes the argument.</summary>
    Read,
    /// <summary><c>_IOW</c>: the kernel reads the argument.</summary>
    Write,
    /// <summary><c>_IOWR</c>: both.</summary>
    ReadWrite,
}

/// <summary>A kind of file descriptor an ioctl is issued on.</summary>
public enum IoctlScope
{
    /// <summary>Defined outside every section of the header.</summary>
    Unknown,
    /// <summary>"ioctls for /dev/kvm fds"</summary>
    System,
    /// <summary>"ioctls for VM fds", "ioctl for vm fd"</summary>
    Vm,
    /// <summary>"ioctls for vcpu fds"</summary>
    Vcpu,
    /// <summary>"ioctls for fds returned by KVM_CREATE_DEVICE"</summary>
    Device,
}

/// <summary>A set of the fds an ioctl may be issued on.</summary>
[Flags]
public enum IoctlFds
{
    /// <summary>On none.</summary>
    None = 0,
    /// <summary>The /dev/kvm fd.</summary>
    System = 1 << IoctlScope.System,
    /// <summary>A VM fd.</summary>
    Vm = 1 << IoctlScope.Vm,
    /// <summary>A vCPU fd.</summary>
    Vcpu = 1 << IoctlScope.Vcpu,
    /// <summary>A device fd (from KVM_CREATE_DEVICE).</summary>
    Device = 1 << IoctlScope.Device,
}

/// <summary>Between one fd and sets of them.</summary>
public static class IoctlFdSets
{
    /// <summary>The set of one fd; empty for <see cref="IoctlScope.Unknown"/>.</summary>
    public static IoctlFds Of(IoctlScope scope) => scope == IoctlScope.Unknown ? IoctlFds.None : (IoctlFds)(1 << (int)scope);

    /// <summary>Whether <paramref name="fds"/> holds <paramref name="scope"/>.</summary>
    public static bool Contains(this IoctlFds fds, IoctlScope scope) => scope != IoctlScope.Unknown && (fds & Of(scope)) != 0;

    /// <summary>The fds of the set in the order system, vm, vcpu, device.</summary>
    public static IEnumerable<IoctlScope> Scopes(this IoctlFds fds)
    {
        foreach (var scope in new[] { IoctlScope.System, IoctlScope.Vm, IoctlScope.Vcpu, IoctlScope.Device })
        {
            if (fds.Contains(scope))
                yield return scope;
        }
    }
}

/// <summary>An ioctl request macro: a constant whose expansion goes through the header's <c>_IOC</c>.</summary>
/// <param name="Name">The macro name (<c>KVM_RUN</c>).</param>
/// <param name="Request">The request number.</param>
/// <param name="Direction">Decoded with the header's <c>_IOC_DIR</c> against its <c>_IOC_READ</c>/<c>_IOC_WRITE</c>.</param>
/// <param name="Type">Decoded with <c>_IOC_TYPE</c>.</param>
/// <param name="Number">Decoded with <c>_IOC_NR</c>.</param>
/// <param name="Size">Decoded with <c>_IOC_SIZE</c>.</param>
/// <param name="Argument">The type named in <c>_IOR/_IOW/_IOWR</c>; null for <c>_IO</c>.</param>
/// <param name="Scope">
/// The fd the header's section comment over it names (<c>/* ioctls for VM fds */</c>). Only a fallback for an ioctl
/// KvmSharp's facts do not know: upstream deleted those comments after 6.1 (see <c>Placement/IoctlPlacer</c>).
/// </param>
/// <param name="SectionComment">The text of that comment, for the warning that says a method was placed by it.</param>
/// <param name="RequiredCapabilities">Every <c>KVM_CAP_*</c> named by an "Available with" comment over it.</param>
public sealed record IoctlModel(
    string Name,
    ulong Request,
    IoctlDirection Direction,
    uint Type,
    uint Number,
    uint Size,
    TypeReference? Argument,
    IoctlScope Scope,
    string? SectionComment,
    EquatableArray<string> RequiredCapabilities,
    SourceLocation Location,
    string? Comment);
