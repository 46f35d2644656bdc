namespace MicroVm.Boot;

/// <summary>
/// The identity map a 64-bit entry needs (boot.rst: the kernel, the zero page and the command line must be mapped
/// 1:1): the first 4 GiB in 2 MiB pages, one PML4 entry, a PDPT with four entries, four page directories. The layout
/// of the entries is the Intel SDM's (vol. 3A, 4.5, tables 4-15, 4-17 and 4-18).
/// </summary>
internal static class PageTables
{
    /// <summary>Present (bit 0).</summary>
    public const ulong Present = 1 << 0;

    /// <summary>Read/write (bit 1).</summary>
    public const ulong Writable = 1 << 1;

    /// <summary>Page size (bit 7): a PDE that maps a 2 MiB page.</summary>
    public const ulong LargePage = 1 << 7;

    /// <summary>The bytes the tables take at <see cref="GuestLayout.Pml4"/>: 6 pages.</summary>
    public const int Size = 6 * 4096;

    /// <summary>How much the tables map.</summary>
    public const ulong Mapped = 4UL << 30;

    /// <summary>Writes the tables for <paramref name="baseAddress"/> (where <paramref name="memory"/> starts in the guest).</summary>
    public static void Write(Span<byte> memory, ulong baseAddress)
    {
        memory[..Size].Clear();
        var pdpt = baseAddress + 4096;
        Entry(memory, 0, 0, pdpt | Present | Writable);
        for (var directory = 0; directory < 4; directory++)
        {
            var pd = baseAddress + (ulong)(2 + directory) * 4096;
            Entry(memory, 1, directory, pd | Present | Writable);
            for (var i = 0; i < 512; i++)
                Entry(memory, 2 + directory, i, ((ulong)directory << 30) + ((ulong)i << 21) | Present | Writable | LargePage);
        }
    }

    private static void Entry(Span<byte> memory, int page, int index, ulong value) =>
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(memory[(page * 4096 + index * 8)..], value);
}
