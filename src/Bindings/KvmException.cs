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

    /// <summary>Creates the exception with a sentence that says what to do about it, after the errno.</summary>
    /// <param name="operation">The C name of the call, for example "open(/dev/kvm)".</param>
    /// <param name="errno">The positive errno the kernel returned.</param>
    /// <param name="remedy">What the user can do, for example "add this user to the group kvm"; null for none.</param>
    public KvmException(string operation, int errno, string? remedy)
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
