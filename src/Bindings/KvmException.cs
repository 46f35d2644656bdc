namespace KvmSharp;

/// <summary>
/// A KVM call (an ioctl, opening the device, mapping memory) that the kernel refused: a <see cref="UapiException"/>
/// of a KVM fd. Carries the errno by number and by name and the C name of the call, so that "KVM_CREATE_VCPU: EEXIST"
/// can be told from "KVM_SET_USER_MEMORY_REGION: EEXIST" without a debugger.
/// </summary>
public sealed class KvmException : UapiException
{
    /// <summary>Creates the exception for <paramref name="operation"/> failing with <paramref name="errno"/>.</summary>
    /// <param name="operation">The C name of the call, for example "KVM_CREATE_VM" or "open(/dev/kvm)".</param>
    /// <param name="errno">The positive errno the kernel returned.</param>
    public KvmException(string operation, int errno)
        : base(operation, errno)
    {
    }

    /// <summary>Creates the exception with a sentence that says what to do about it, after the errno.</summary>
    /// <param name="operation">The C name of the call, for example "open(/dev/kvm)".</param>
    /// <param name="errno">The positive errno the kernel returned.</param>
    /// <param name="remedy">What the user can do, for example "add this user to the group kvm"; null for none.</param>
    public KvmException(string operation, int errno, string? remedy)
        : base(operation, errno, remedy)
    {
    }
}
