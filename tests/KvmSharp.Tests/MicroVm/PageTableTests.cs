using System.Buffers.Binary;
using MicroVm.Boot;
using Xunit;

namespace KvmSharp.Tests.MicroVm;

/// <summary>
/// The identity map of the 64-bit entry, walked as the MMU walks 4-level paging (Intel SDM vol. 3A, 4.5: PML4 index
/// bits 47:39, PDPT 38:30, PD 29:21; a PDE with PS maps 2 MiB): every address it must map translates to itself.
/// </summary>
public sealed class PageTableTests
{
    private static ulong? Translate(byte[] memory, ulong cr3, ulong linear)
    {
        ulong Entry(ulong table, ulong index) => BinaryPrimitives.ReadUInt64LittleEndian(memory.AsSpan((int)(table + index * 8)));
        const ulong AddressMask = 0x000FFFFFFFFFF000;
        var pml4e = Entry(cr3, (linear >> 39) & 0x1FF);
        if ((pml4e & 1) == 0)
            return null;
        var pdpte = Entry(pml4e & AddressMask, (linear >> 30) & 0x1FF);
        if ((pdpte & 1) == 0)
            return null;
        Assert.True((pdpte & 0x80) == 0, "a 1 GiB page where a page directory was expected");
        var pde = Entry(pdpte & AddressMask, (linear >> 21) & 0x1FF);
        if ((pde & 1) == 0)
            return null;
        Assert.True((pde & 0x80) != 0, "the tables map 2 MiB pages");
        Assert.True((pde & 0x2) != 0, "writable");
        return (pde & 0x000FFFFFFFE00000) | (linear & 0x1FFFFF);
    }

    [Theory]
    [InlineData(0x0UL)]
    [InlineData(0x7000UL)]            // the zero page
    [InlineData(0x20000UL)]           // the command line
    [InlineData(0x100200UL)]          // the 64-bit entry
    [InlineData(0x0FFFF123UL)]        // the top of 256 MiB, where the initramfs goes
    [InlineData(0xBFFFFFFFUL)]        // the top of the largest guest
    [InlineData(0xFEE00000UL)]        // the local APIC
    [InlineData(0xFFFFFFFFUL)]
    public void Every_address_below_4_GiB_maps_to_itself(ulong address)
    {
        var memory = new byte[0x100000];
        PageTables.Write(memory.AsSpan((int)GuestLayout.Pml4), GuestLayout.Pml4);

        Assert.Equal(address, Translate(memory, GuestLayout.Pml4, address));
    }

    [Fact]
    public void Nothing_above_4_GiB_is_mapped_and_the_tables_stay_below_the_command_line()
    {
        var memory = new byte[0x100000];
        PageTables.Write(memory.AsSpan((int)GuestLayout.Pml4), GuestLayout.Pml4);

        Assert.Null(Translate(memory, GuestLayout.Pml4, 0x100000000));
        Assert.Null(Translate(memory, GuestLayout.Pml4, 0xFFFF800000000000));
        Assert.True(GuestLayout.Pml4 + PageTables.Size <= GuestLayout.CommandLine);
        Assert.True(GuestLayout.ZeroPage + 4096 <= GuestLayout.Pml4);
    }
}
