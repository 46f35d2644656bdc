using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace KvmSharp;

/// <summary>
/// Native memory for a C struct that ends in a flexible array member (<c>struct kvm_cpuid2</c>,
/// <c>struct kvm_msrs</c>, <c>struct kvm_reg_list</c>...): a <typeparamref name="THeader"/> followed by
/// <see cref="Count"/> entries of <typeparamref name="TEntry"/>, zeroed, at a fixed address for the
/// ioctl. Not thread-safe; dispose it to free the memory (a finalizer frees it otherwise).
/// </summary>
/// <typeparam name="THeader">The struct without its flexible array (the generated struct of the record).</typeparam>
/// <typeparam name="TEntry">The element type of the flexible array.</typeparam>
public sealed unsafe class FlexibleArrayBuffer<THeader, TEntry> : IDisposable
    where THeader : unmanaged
    where TEntry : unmanaged
{
    // Enough for every type of the LP64 C ABIs (max_align_t is 16 bytes), and so for any header or entry.
    private const nuint Alignment = 16;

    private void* _memory;

    /// <summary>Allocates the header and <paramref name="count"/> entries, all zero.</summary>
    /// <param name="count">The number of entries; the header's count field (such as <c>nent</c>) is the caller's to set.</param>
    /// <param name="entriesOffset">
    /// Where the flexible array starts: C's <c>offsetof</c> of the member, which the generated code takes
    /// from the model. C places it at the end of the header's fields rounded up to the entry's alignment,
    /// which can be less than <c>sizeof</c> the header (the array may sit in the header's tail padding),
    /// so the default, <c>Unsafe.SizeOf&lt;THeader&gt;()</c>, is only right when no padding is involved.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">A negative count or offset, or a total over 2 GiB.</exception>
    public FlexibleArrayBuffer(int count, int? entriesOffset = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var offset = entriesOffset ?? Unsafe.SizeOf<THeader>();
        ArgumentOutOfRangeException.ThrowIfNegative(offset, nameof(entriesOffset));
        var end = (long)offset + (long)count * Unsafe.SizeOf<TEntry>();
        // The header is written through a full THeader, so the block covers it even when the array is empty.
        var length = Math.Max(end, Unsafe.SizeOf<THeader>());
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, int.MaxValue, nameof(count));
        Count = count;
        EntriesOffset = offset;
        ByteLength = (int)length;
        _memory = NativeMemory.AlignedAlloc((nuint)Math.Max(ByteLength, 1), Alignment);
        NativeMemory.Clear(_memory, (nuint)ByteLength);
    }

    /// <summary>The number of entries the buffer holds.</summary>
    public int Count { get; }

    /// <summary>The byte offset of the first entry from the start of the header.</summary>
    public int EntriesOffset { get; }

    /// <summary>The size of the whole block in bytes: what the kernel may read or write.</summary>
    public int ByteLength { get; }

    /// <summary>The header, in place.</summary>
    /// <exception cref="ObjectDisposedException">The buffer is disposed.</exception>
    public ref THeader Header => ref Unsafe.AsRef<THeader>(Memory);

    /// <summary>The entries, in place.</summary>
    /// <exception cref="ObjectDisposedException">The buffer is disposed.</exception>
    public Span<TEntry> Entries => new((byte*)Memory + EntriesOffset, Count);

    /// <summary>The whole block as bytes.</summary>
    /// <exception cref="ObjectDisposedException">The buffer is disposed.</exception>
    public Span<byte> Bytes => new(Memory, ByteLength);

    /// <summary>The block's address, the argument of the ioctl (for example <c>KvmFileDescriptor.Ioctl(request, buffer.Pointer, name)</c>).</summary>
    /// <exception cref="ObjectDisposedException">The buffer is disposed.</exception>
    public nint Pointer => (nint)Memory;

    private void* Memory
    {
        get
        {
            ObjectDisposedException.ThrowIf(_memory is null, this);
            return _memory;
        }
    }

    /// <summary>Frees the memory. Spans and the pointer taken before must not be used afterwards.</summary>
    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    /// <summary>Frees the memory of a buffer nobody disposed.</summary>
    ~FlexibleArrayBuffer() => Free();

    private void Free()
    {
        var memory = _memory;
        _memory = null;
        if (memory is not null)
            NativeMemory.AlignedFree(memory);
    }
}
