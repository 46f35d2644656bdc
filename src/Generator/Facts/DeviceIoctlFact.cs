using KvmSharp.Generator.Model;

namespace KvmSharp.Generator.Facts;

/// <summary>How a device ioctl's argument is passed, where the <c>_IOC</c> direction does not say it.</summary>
public enum DeviceArgumentKind
{
    /// <summary>As the direction says: <c>_IOR</c> returns the type, <c>_IOW</c> takes it <c>in</c>, <c>_IOWR</c> <c>ref</c>, <c>_IO</c> nothing.</summary>
    ByDirection,
    /// <summary>An integer passed as C's <c>unsigned long</c>.</summary>
    Value,
    /// <summary>A pointer to <see cref="DeviceIoctlFact.ArgumentType"/> the kernel reads and writes back.</summary>
    Ref,
    /// <summary>A pointer to <see cref="DeviceIoctlFact.ArgumentType"/> the kernel reads.</summary>
    In,
    /// <summary>A pointer to a NUL-terminated string.</summary>
    String,
}

/// <summary>
/// Where the kernel takes an ioctl of a device file other than <c>/dev/kvm</c> (vhost, vfio, iommufd, userfaultfd, tun),
/// what it takes and returns, and the typed method it gets: a fact of the kernel's dispatcher, with its source.
/// </summary>
/// <param name="Name">The request macro (<c>VHOST_GET_FEATURES</c>).</param>
/// <param name="Fds">The device fds that take it (<see cref="DeviceFiles"/> kinds: <c>vhost-net</c>, <c>tun</c>...).</param>
/// <param name="Argument">How the argument is passed.</param>
/// <param name="ArgumentType">The C type of <see cref="DeviceArgumentKind.Ref"/> and <see cref="DeviceArgumentKind.In"/> (<c>struct vfio_group_status</c>, <c>int</c>); else null.</param>
/// <param name="Creates">The kind of fd the ioctl returns, owned by the result; null when it returns a number.</param>
/// <param name="Method">The typed method's name.</param>
/// <param name="Source">The kernel file and the function whose switch (or ioctl table) handles it.</param>
/// <param name="Line">The line in the table, for messages.</param>
public sealed record DeviceIoctlFact(
    string Name,
    EquatableArray<string> Fds,
    DeviceArgumentKind Argument,
    string? ArgumentType,
    string? Creates,
    string Method,
    string Source,
    int Line);
