using KvmSharp.Interop;

namespace KvmSharp;

/// <summary>
/// Host memory for a guest: a page-aligned, private, anonymous mapping (MAP_PRIVATE | MAP_ANONYMOUS |
/// MAP_NORESERVE) outside the garbage-collected heap, so that its address never moves and the kernel
/// may hand it to a VM as a memory slot. Pages are zero and only take RAM once touched.
/// </summary>
/// <remarks>
/// <para>Lifetime: once registered in a VM (through <see cref="KvmVm.TrackUserMemory(uint, GuestMemory)"/>,
/// which the generated KVM_SET_USER_MEMORY_REGION wrapper calls), the mapping stays in place until the VM
/// no longer maps it: until the slot is deleted or replaced, or the VM and all its vCPUs and devices are
/// released. <see cref="Dispose"/> never throws for that reason; it retires this object at once (its
/// spans and address are no longer handed out) and the munmap is deferred to the last user. Unmapping
/// earlier would let a later mapping, even the GC heap, reuse the address while the guest still writes to it.</para>
/// <para>A <see cref="Span"/> taken before <see cref="Dispose"/> must not be used after it.</para>
/// </remarks>
public sealed class GuestMemory : IDisposable
{
    private readonly MemoryMapping _mapping;

    /// <summary>Maps at least <paramref name="size"/> bytes, rounded up to whole pages.</summary>
    /// <param name="size">The number of bytes the guest needs; positive.</param>
    /// <exception cref="KvmException">mmap(2) failed (for example ENOMEM).</exception>
    public GuestMemory(ulong size)
    {
        ArgumentOutOfRangeException.ThrowIfZero(size);
        var page = (ulong)Environment.SystemPageSize;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, (ulong)nint.MaxValue - page);
        var rounded = (size + page - 1) / page * page;
        _mapping = MemoryMapping.Map(
            (nuint)rounded,
            LinuxAbi.ProtectionRead | LinuxAbi.ProtectionWrite,
            LinuxAbi.MapPrivate | LinuxAbi.MapAnonymous | LinuxAbi.MapNoReserve,
            fd: -1,
            "mmap(guest memory)");
    }

    /// <summary>The size of the mapping in bytes: a whole number of pages.</summary>
    public ulong Size => _mapping.Length;

    /// <summary>The host virtual address of the first byte (KVM's <c>userspace_addr</c>), page-aligned.</summary>
    /// <exception cref="ObjectDisposedException">This object is disposed.</exception>
    public ulong HostAddress
    {
        get
        {
            ThrowIfDisposed();
            return (ulong)_mapping.Address;
        }
    }

    /// <summary>Whether <see cref="Dispose"/> has been called (the mapping itself may still exist for a VM).</summary>
    public bool IsDisposed { get; private set; }

    /// <summary>The whole mapping as bytes; see <see cref="GetSpan(ulong, int)"/> for mappings over 2 GiB.</summary>
    /// <exception cref="ObjectDisposedException">This object is disposed.</exception>
    /// <exception cref="InvalidOperationException">The mapping is larger than a span can be.</exception>
    public Span<byte> Span => Size <= int.MaxValue
        ? GetSpan(0, (int)Size)
        : throw new InvalidOperationException($"guest memory of {Size} bytes is larger than a span; use GetSpan");

    /// <summary>Bytes <paramref name="offset"/> to <paramref name="offset"/> + <paramref name="length"/> of the mapping.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range does not lie inside the mapping.</exception>
    /// <exception cref="ObjectDisposedException">This object is disposed.</exception>
    public unsafe Span<byte> GetSpan(ulong offset, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset, Size);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((ulong)length, Size - offset);
        ThrowIfDisposed();
        return new Span<byte>((byte*)_mapping.Address + offset, length);
    }

    /// <summary>
    /// Retires this object. The pages are unmapped now if no VM maps them, else when the last VM that does
    /// lets go of them.
    /// </summary>
    public void Dispose()
    {
        IsDisposed = true;
        _mapping.Dispose();
    }

    /// <summary>The mapping, for the VM to hold a reference on while a slot points at it.</summary>
    internal MemoryMapping Mapping => _mapping;

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(IsDisposed, this);
}
