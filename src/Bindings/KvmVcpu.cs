using KvmSharp.Interop;

namespace KvmSharp;

/// <summary>
/// A virtual CPU: the fd KVM_CREATE_VCPU returned, and its shared <c>struct kvm_run</c> once mapped with
/// <see cref="MapRunStructure(int)"/>. vCPU ioctls (KVM_RUN, KVM_GET_REGS...) are made on it. It keeps
/// its VM's kernel object, and so the VM's guest memory, alive until it is released.
/// </summary>
public sealed class KvmVcpu : KvmFileDescriptor
{
    private MemoryMapping? _run;

    private KvmVcpu(int fd, KvmVm vm)
        : base(fd, vm)
    {
        Vm = vm;
    }

    /// <summary>The VM the vCPU belongs to.</summary>
    public KvmVm Vm { get; }

    /// <summary>Takes ownership of a vCPU fd (what KVM_CREATE_VCPU returned). For generated code.</summary>
    /// <param name="fd">An open vCPU fd; ownership passes to the returned object, which closes it.</param>
    /// <param name="vm">The VM the vCPU was created in.</param>
    /// <exception cref="ObjectDisposedException"><paramref name="vm"/> is disposed; <paramref name="fd"/> has been closed.</exception>
    public static KvmVcpu FromFileDescriptor(int fd, KvmVm vm)
    {
        if (vm is null)
        {
            // Ownership passed all the same: do not leak the fd.
            LibC.Close(fd);
            throw new ArgumentNullException(nameof(vm));
        }
        return new KvmVcpu(fd, vm);
    }

    /// <summary>
    /// Maps the vCPU's <c>struct kvm_run</c> (MAP_SHARED, read-write, offset 0 of the vCPU fd). The
    /// mapping belongs to the vCPU and is unmapped just before its fd is closed.
    /// </summary>
    /// <param name="mmapSize">What KVM_GET_VCPU_MMAP_SIZE returned: kvm_run plus the pages after it.</param>
    /// <exception cref="InvalidOperationException">The structure is already mapped.</exception>
    /// <exception cref="KvmException">mmap(2) failed.</exception>
    /// <exception cref="ObjectDisposedException">This vCPU is disposed.</exception>
    public void MapRunStructure(int mmapSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(mmapSize);
        var added = false;
        ThrowIfClosed();
        try
        {
            DangerousAddRef(ref added);
            if (Volatile.Read(ref _run) is not null)
                throw new InvalidOperationException("the kvm_run structure of this vCPU is already mapped");
            var mapping = MemoryMapping.Map(
                (nuint)mmapSize,
                LinuxAbi.ProtectionRead | LinuxAbi.ProtectionWrite,
                LinuxAbi.MapShared,
                (int)handle,
                "mmap(kvm_run)");
            if (Interlocked.CompareExchange(ref _run, mapping, null) is not null)
            {
                mapping.Dispose();
                throw new InvalidOperationException("the kvm_run structure of this vCPU is already mapped");
            }
        }
        finally
        {
            if (added)
                DangerousRelease();
        }
    }

    /// <summary>Whether <see cref="MapRunStructure(int)"/> has mapped the structure.</summary>
    public bool IsRunStructureMapped => Volatile.Read(ref _run) is not null;

    /// <summary>The address of the mapped <c>struct kvm_run</c>; generated code reads it as <c>ref KvmRun</c>.</summary>
    /// <exception cref="InvalidOperationException">The structure is not mapped.</exception>
    /// <exception cref="ObjectDisposedException">This vCPU is disposed.</exception>
    public nint RunStructure => RunMapping.Address;

    /// <summary>The size of the mapping, as given to <see cref="MapRunStructure(int)"/>.</summary>
    /// <exception cref="InvalidOperationException">The structure is not mapped.</exception>
    /// <exception cref="ObjectDisposedException">This vCPU is disposed.</exception>
    public int RunStructureSize => (int)RunMapping.Length;

    /// <summary>The whole mapping as bytes. Not to be used after the vCPU is disposed.</summary>
    /// <exception cref="InvalidOperationException">The structure is not mapped.</exception>
    /// <exception cref="ObjectDisposedException">This vCPU is disposed.</exception>
    public unsafe Span<byte> RunStructureBytes
    {
        get
        {
            var mapping = RunMapping;
            return new Span<byte>((void*)mapping.Address, (int)mapping.Length);
        }
    }

    private MemoryMapping RunMapping
    {
        get
        {
            ThrowIfClosed();
            return Volatile.Read(ref _run)
                ?? throw new InvalidOperationException("the kvm_run structure is not mapped; call MapRunStructure first");
        }
    }

    private protected override void BeforeClose() =>
        // The mapping holds its own reference on the file, but unmapping first means no code can still
        // read kvm_run through this object once the fd number is free for reuse.
        Volatile.Read(ref _run)?.Dispose();
}
