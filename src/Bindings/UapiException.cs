using System.Runtime.InteropServices;

namespace KvmSharp;

/// <summary>
/// A call to a Linux uAPI (an ioctl, opening a device file, mapping memory) that the kernel refused. Carries the errno
/// by number and by name and the C name of the call, so that "VHOST_SET_VRING_ADDR: EINVAL" can be told from
/// "VHOST_SET_MEM_TABLE: EINVAL" without a debugger. KVM's own refusals are the subclass <see cref="KvmException"/>.
/// </summary>
public class UapiException : Exception
{
    /// <summary>Creates the exception for <paramref name="operation"/> failing with <paramref name="errno"/>.</summary>
    /// <param name="operation">The C name of the call, for example "UFFDIO_API" or "open(/dev/net/tun)".</param>
    /// <param name="errno">The positive errno the kernel returned.</param>
    public UapiException(string operation, int errno)
        : this(operation, errno, null)
    {
    }

    /// <summary>Creates the exception with a sentence that says what to do about it, after the errno.</summary>
    /// <param name="operation">The C name of the call, for example "open(/dev/kvm)".</param>
    /// <param name="errno">The positive errno the kernel returned.</param>
    /// <param name="remedy">What the user can do, for example "add this user to the group kvm"; null for none.</param>
    public UapiException(string operation, int errno, string? remedy)
        : base(remedy is null ? FormatMessage(operation, errno) : FormatMessage(operation, errno) + ". " + remedy)
    {
        Operation = operation;
        Errno = errno;
        Remedy = remedy;
    }

    /// <summary>What the user can do about the failure, when the runtime knows (opening <c>/dev/kvm</c>); else null.</summary>
    public string? Remedy { get; }

    /// <summary>The errno number, for example 22.</summary>
    public int Errno { get; }

    /// <summary>The errno's symbolic name on this architecture, for example "EINVAL".</summary>
    public string ErrnoName => LinuxErrno.GetName(Errno);

    /// <summary>The C name of the call that failed, for example "KVM_CREATE_VCPU".</summary>
    public string Operation { get; }

    private static string FormatMessage(string operation, int errno) =>
        $"{operation} failed: {LinuxErrno.GetName(errno)} ({errno}): {Marshal.GetPInvokeErrorMessage(errno)}";
}
