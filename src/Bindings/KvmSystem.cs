using System.Runtime.InteropServices;
using KvmSharp.Interop;

namespace KvmSharp;

/// <summary>
/// The KVM subsystem: an open <c>/dev/kvm</c>. System ioctls (KVM_GET_API_VERSION, KVM_CHECK_EXTENSION,
/// KVM_GET_VCPU_MMAP_SIZE, KVM_CREATE_VM) are made on it; their typed wrappers are generated.
/// </summary>
public sealed class KvmSystem : KvmFileDescriptor
{
    private KvmSystem(int fd)
        : base(fd, parent: null)
    {
    }

    /// <summary>Opens the KVM device read-write, close-on-exec.</summary>
    /// <param name="path">The device node; <c>/dev/kvm</c> unless the system puts it elsewhere.</param>
    /// <exception cref="KvmException">
    /// open(2) failed; the message and <see cref="UapiException.Remedy"/> say what to do: ENOENT where this machine
    /// has no KVM or its module is not loaded, EACCES or EPERM where the user is not in the group that owns the device.
    /// </exception>
    public static KvmSystem Open(string path = "/dev/kvm")
    {
        ArgumentNullException.ThrowIfNull(path);
        var fd = LibC.Open(path, LinuxAbi.OpenReadWrite | LinuxAbi.OpenCloseOnExec);
        if (fd >= 0)
            return new KvmSystem(fd);
        var errno = Marshal.GetLastPInvokeError();
        throw new KvmException($"open({path})", errno, KvmDeviceAccess.Remedy(path, errno));
    }

    /// <summary>
    /// Opens the KVM device like <see cref="Open"/>, but answers a failure with null and a sentence to show the user
    /// (the errno, then what to do: load the module, join the group that owns the device), not an exception.
    /// </summary>
    /// <param name="problem">Null on success; otherwise the message of the <see cref="KvmException"/> <see cref="Open"/> would throw.</param>
    /// <param name="path">The device node; <c>/dev/kvm</c> unless the system puts it elsewhere.</param>
    /// <returns>The open device, or null.</returns>
    public static KvmSystem? TryOpen(out string? problem, string path = "/dev/kvm")
    {
        try
        {
            problem = null;
            return Open(path);
        }
        catch (KvmException e)
        {
            problem = e.Message;
            return null;
        }
    }

    /// <summary>
    /// Takes ownership of an fd of <c>/dev/kvm</c> opened elsewhere. For generated code and for fds
    /// inherited from another process; it is closed when the returned object is released.
    /// </summary>
    /// <param name="fd">An open fd; ownership passes to the returned object.</param>
    public static KvmSystem FromFileDescriptor(int fd) => new(fd);

    /// <summary>
    /// Creates a VM with the given KVM_CREATE_VM request (the generated <c>CreateVm</c> wrapper passes
    /// <c>KvmIoctls.CreateVm</c> and "KVM_CREATE_VM").
    /// </summary>
    /// <param name="request">The request number of KVM_CREATE_VM.</param>
    /// <param name="machineType">The machine type argument (0 for the default; the IPA size on arm64).</param>
    /// <param name="name">The ioctl's C name, for the exception message.</param>
    /// <returns>The VM, whose <see cref="KvmVm.System"/> is this object.</returns>
    /// <exception cref="KvmException">The kernel refused.</exception>
    /// <exception cref="ObjectDisposedException">This object is disposed.</exception>
    public KvmVm IoctlCreateVm(ulong request, ulong machineType, string name) =>
        KvmVm.FromFileDescriptor(IoctlReturningFileDescriptor(request, machineType, name), this);
}
