namespace KvmSharp;

/// <summary>
/// A device created in a VM with KVM_CREATE_DEVICE (an interrupt controller, VFIO...). It keeps its VM's
/// kernel object alive, as the kernel does, so the VM's guest memory stays mapped until it is released.
/// </summary>
public sealed class KvmDevice : KvmFileDescriptor
{
    private KvmDevice(int fd, KvmVm vm)
        : base(fd, vm)
    {
        Vm = vm;
    }

    /// <summary>The VM the device belongs to.</summary>
    public KvmVm Vm { get; }

    /// <summary>
    /// Takes ownership of a device fd (the <c>fd</c> field KVM_CREATE_DEVICE filled in). For generated code.
    /// </summary>
    /// <param name="fd">An open device fd; ownership passes to the returned object, which closes it.</param>
    /// <param name="vm">The VM the device was created in.</param>
    /// <exception cref="ObjectDisposedException"><paramref name="vm"/> is disposed; <paramref name="fd"/> has been closed.</exception>
    public static KvmDevice FromFileDescriptor(int fd, KvmVm vm)
    {
        if (vm is null)
        {
            // Ownership passed all the same: do not leak the fd.
            Interop.LibC.Close(fd);
            throw new ArgumentNullException(nameof(vm));
        }
        return new KvmDevice(fd, vm);
    }
}
