using System.Runtime.InteropServices;

namespace KvmSharp;

/// <summary>
/// A KVM call (an ioctl, opening the device, mapping memory) that the kernel refused. Carries the errno
/// by number and by name and the C name of the call, so that "KVM_CREATE_VCPU: EEXIST" can be told from
/// "KVM_SET_USER_MEMORY_REGION: EEXIST" without a debugger.
/// </summary>
public sealed class KvmException : Exception
{
    /// <summary>Creates the exception for <paramref name="operation"/> failing with <paramref name="errno"/>.</summary>
    /// <param name="operation">The C name of the call, for example "KVM_CREATE_VM" or "open(/dev/kvm)".</param>
    /// <param name="errno">The positive errno the kernel returned.</param>
    public KvmException(string operation, int errno)
        : base(FormatMessage(operation, errno))
    {
        Operation = operation;
        Errno = errno;
    }

    /// <summary>The errno number, for example 22.</summary>
    public int Errno { get; }

    /// <summary>The errno's symbolic name on this architecture, for example "EINVAL".</summary>
    public string ErrnoName => LinuxErrno.GetName(Errno);

    /// <summary>The C name of the call that failed, for example "KVM_CREATE_VCPU".</summary>
    public string Operation { get; }

    private static string FormatMessage(string operation, int errno) =>
        $"{operation} failed: {LinuxErrno.GetName(errno)} ({errno}): {Marshal.GetPInvokeErrorMessage(errno)}";
}
