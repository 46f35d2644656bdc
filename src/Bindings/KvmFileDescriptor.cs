namespace KvmSharp;

/// <summary>
/// A file descriptor of the KVM API (<c>/dev/kvm</c>, a VM, a vCPU, a device): a <see cref="UapiFileDescriptor"/>
/// whose refused calls throw <see cref="KvmException"/>.
/// </summary>
public abstract class KvmFileDescriptor : UapiFileDescriptor
{
    /// <summary>Takes ownership of <paramref name="fd"/>, and holds a reference on <paramref name="parent"/>.</summary>
    /// <exception cref="ObjectDisposedException"><paramref name="parent"/> is disposed; <paramref name="fd"/> has been closed.</exception>
    private protected KvmFileDescriptor(int fd, KvmFileDescriptor? parent)
        : base(fd, parent)
    {
    }

    /// <summary>KVM's refusals are <see cref="KvmException"/>s, as they always were.</summary>
    private protected override UapiException Refused(string operation, int errno) => new KvmException(operation, errno);
}
