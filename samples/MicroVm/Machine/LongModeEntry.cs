using System.Buffers.Binary;
using MicroVm.Boot;
using MicroVm.Kvm;

namespace MicroVm.Machine;

/// <summary>
/// The CPU state boot.rst's "64-bit BOOT PROTOCOL" asks for at the kernel's 64-bit entry: long mode with paging on the
/// identity map, a GDT with flat 4 GiB descriptors for __BOOT_CS (0x10, execute/read, 64-bit) and __BOOT_DS (0x18,
/// read/write), CS = __BOOT_CS, DS = ES = SS = __BOOT_DS, interrupts off, %rsi = the zero page, %rip = the kernel's 64-bit entry.
/// </summary>
internal static class LongModeEntry
{
    public const ushort BootCs = 0x10;
    public const ushort BootDs = 0x18;

    // Descriptors in the SDM's format (vol. 3A, 3.4.5): base 0, limit 0xFFFFF in 4 KiB units (G), present, DPL 0.
    // Code: type 0xB (execute/read, accessed), L = 1 (64-bit), D = 0. Data: type 0x3 (read/write, accessed), D/B = 1.
    public const ulong CodeDescriptor = 0x00AF9B000000FFFF;
    public const ulong DataDescriptor = 0x00CF93000000FFFF;

    public const ulong Cr0ProtectionEnable = 1UL << 0, Cr0NotWriteThrough = 1UL << 29, Cr0CacheDisable = 1UL << 30, Cr0Paging = 1UL << 31;
    public const ulong Cr4Pae = 1UL << 5;
    public const ulong EferLongModeEnable = 1UL << 8, EferLongModeActive = 1UL << 10;

    /// <summary>The initial stack pointer: below the zero page, in conventional memory nothing else uses.</summary>
    public const ulong StackPointer = 0x8FF0;

    /// <summary>Writes the GDT (4 entries) into <paramref name="memory"/> at <see cref="GuestLayout.Gdt"/>.</summary>
    public static void WriteGdt(Span<byte> memory)
    {
        var gdt = memory.Slice((int)GuestLayout.Gdt, 4 * 8);
        gdt.Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(gdt[(2 * 8)..], CodeDescriptor);
        BinaryPrimitives.WriteUInt64LittleEndian(gdt[(3 * 8)..], DataDescriptor);
    }

    /// <summary>Sets the segment and control registers of <paramref name="sregs"/> for the 64-bit entry.</summary>
    public static void Apply(ref KvmSregs sregs)
    {
        sregs.Gdt.Base = GuestLayout.Gdt;
        sregs.Gdt.Limit = 4 * 8 - 1;
        sregs.Cs = Segment(BootCs, type: 0xB, longMode: 1, defaultSize: 0);
        var data = Segment(BootDs, type: 0x3, longMode: 0, defaultSize: 1);
        sregs.Ds = data;
        sregs.Es = data;
        sregs.Fs = data;
        sregs.Gs = data;
        sregs.Ss = data;
        sregs.Cr3 = GuestLayout.Pml4;
        sregs.Cr4 |= Cr4Pae;
        // Caching on (the reset value has CD and NW set), protection and paging on.
        sregs.Cr0 = (sregs.Cr0 | Cr0ProtectionEnable | Cr0Paging) & ~(Cr0CacheDisable | Cr0NotWriteThrough);
        sregs.Efer |= EferLongModeEnable | EferLongModeActive;
    }

    /// <summary>Sets the general registers of <paramref name="regs"/> for the 64-bit entry at <paramref name="entry"/>.</summary>
    public static void Apply(ref KvmRegs regs, ulong entry)
    {
        regs = default;
        regs.Rflags = 0x2;   // bit 1 reads as 1; IF clear
        regs.Rip = entry;
        regs.Rsi = GuestLayout.ZeroPage;
        regs.Rsp = StackPointer;
        regs.Rbp = StackPointer;
    }

    private static KvmSegment Segment(ushort selector, byte type, byte longMode, byte defaultSize) => new()
    {
        Base = 0,
        Limit = 0xFFFFFFFF,
        Selector = selector,
        Type = type,
        Present = 1,
        Dpl = 0,
        Db = defaultSize,
        S = 1,
        L = longMode,
        G = 1,
    };
}
