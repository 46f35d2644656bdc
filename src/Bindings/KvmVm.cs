namespace KvmSharp;

/// <summary>
/// A virtual machine: the fd KVM_CREATE_VM returned. VM ioctls are made on it; it creates vCPUs and
/// devices, and keeps the guest memory its slots point at mapped for as long as the kernel's VM lives.
/// </summary>
/// <remarks>
/// The kernel's VM outlives this fd while any vCPU or device fd is open, and so does the bookkeeping
/// here: disposing the VM closes its fd (and lets go of its guest memory) only once every
/// <see cref="KvmVcpu"/> and <see cref="KvmDevice"/> made from it has been released too.
/// </remarks>
public sealed class KvmVm : KvmFileDescriptor
{
    private readonly GuestMemoryRegistry _memory = new();

    private KvmVm(int fd)
        : base(fd, parent: null)
    {
    }

    /// <summary>Takes ownership of a VM fd (what KVM_CREATE_VM returned). For generated code.</summary>
    /// <param name="fd">An open VM fd; ownership passes to the returned object, which closes it.</param>
    public static KvmVm FromFileDescriptor(int fd) => new(fd);

    /// <summary>Takes ownership of a VM fd created on <paramref name="system"/>. For generated code.</summary>
    /// <param name="fd">An open VM fd; ownership passes to the returned object, which closes it.</param>
    /// <param name="system">The <c>/dev/kvm</c> the VM was created on; see <see cref="System"/>.</param>
    public static KvmVm FromFileDescriptor(int fd, KvmSystem? system) => new(fd) { System = system };

    /// <summary>
    /// The <c>/dev/kvm</c> this VM was created on (null for a VM fd adopted with
    /// <see cref="FromFileDescriptor(int)"/>). Some VM-level work needs a system ioctl:
    /// the generated <c>CreateVcpu</c> asks it for KVM_GET_VCPU_MMAP_SIZE to map the new vCPU's kvm_run.
    /// The VM does not keep it open; it may be disposed before the VM.
    /// </summary>
    public KvmSystem? System { get; private init; }

    /// <summary>
    /// Creates a vCPU with the given KVM_CREATE_VCPU request (the generated <c>CreateVcpu</c> wrapper
    /// passes <c>KvmIoctls.CreateVcpu</c> and "KVM_CREATE_VCPU").
    /// </summary>
    /// <param name="request">The request number of KVM_CREATE_VCPU.</param>
    /// <param name="vcpuId">The vCPU id (the APIC id on x86, the MPIDR index on arm64).</param>
    /// <param name="name">The ioctl's C name, for the exception message.</param>
    /// <exception cref="KvmException">The kernel refused (EEXIST for an id already taken, EINVAL for one too large).</exception>
    /// <exception cref="ObjectDisposedException">This VM is disposed.</exception>
    public KvmVcpu IoctlCreateVcpu(ulong request, ulong vcpuId, string name) =>
        KvmVcpu.FromFileDescriptor(IoctlReturningFileDescriptor(request, vcpuId, name), this);

    /// <summary>
    /// Sets a memory slot (KVM_SET_USER_MEMORY_REGION or KVM_SET_USER_MEMORY_REGION2) and keeps the
    /// bookkeeping right in one step: <paramref name="memory"/> is held before the call, so it cannot be
    /// unmapped under it, then tracked for <paramref name="slot"/> if the kernel accepted the region. For
    /// generated code, which builds <paramref name="region"/> and checks that it lies inside <paramref name="memory"/>.
    /// </summary>
    /// <param name="request">The request number.</param>
    /// <param name="region">The ioctl's struct.</param>
    /// <param name="slot">The struct's <c>slot</c> word.</param>
    /// <param name="memory">The memory the region points at, or null when the call deletes the slot (size 0).</param>
    /// <param name="name">The ioctl's C name, for the exception message.</param>
    /// <returns>The ioctl's result.</returns>
    /// <exception cref="KvmException">The kernel refused; the bookkeeping is unchanged.</exception>
    /// <exception cref="ObjectDisposedException">This VM or <paramref name="memory"/> is disposed.</exception>
    public int IoctlSetUserMemory<TRegion>(ulong request, in TRegion region, uint slot, GuestMemory? memory, string name)
        where TRegion : unmanaged
    {
        ThrowIfClosed();
        if (memory is null)
        {
            var deleted = IoctlWrite(request, in region, name);
            _memory.Untrack(slot);
            return deleted;
        }
        ObjectDisposedException.ThrowIf(memory.IsDisposed, memory);
        var held = false;
        try
        {
            memory.Mapping.DangerousAddRef(ref held);
            var result = IoctlWrite(request, in region, name);
            _memory.Track(slot, memory.Mapping);
            return result;
        }
        finally
        {
            if (held)
                memory.Mapping.DangerousRelease();
        }
    }

    /// <summary>
    /// Records that <paramref name="slot"/> now points at <paramref name="memory"/>, for callers that made
    /// the ioctl themselves. From now until the slot is replaced or untracked, or the VM is gone, disposing
    /// <paramref name="memory"/> defers its munmap.
    /// </summary>
    /// <param name="slot">The slot word as given to the kernel (address space in the high 16 bits).</param>
    /// <param name="memory">The memory the slot points at.</param>
    /// <exception cref="ObjectDisposedException">This VM or <paramref name="memory"/> is disposed.</exception>
    public void TrackUserMemory(uint slot, GuestMemory memory)
    {
        ArgumentNullException.ThrowIfNull(memory);
        ThrowIfClosed();
        ObjectDisposedException.ThrowIf(memory.IsDisposed, memory);
        _memory.Track(slot, memory.Mapping);
    }

    /// <summary>Records that <paramref name="slot"/> was deleted; false when it was not tracked.</summary>
    /// <param name="slot">The slot word as given to the kernel.</param>
    public bool UntrackUserMemory(uint slot) => _memory.Untrack(slot);

    /// <summary>The slots that point at tracked guest memory.</summary>
    public IReadOnlyCollection<uint> TrackedSlots => _memory.Slots;

    private protected override void AfterClose() =>
        // The VM fd was the last reference to the kernel's VM (vCPUs and devices hold one on this object),
        // so no guest can reach the memory any more.
        _memory.ReleaseAll();
}
