using System.Buffers.Binary;
using System.Runtime.InteropServices;
using MicroVm.Boot;
using Xunit;

namespace KvmSharp.Tests.MicroVm;

/// <summary>
/// The zero page MicroVm builds, read back as raw bytes at the offsets of Documentation/arch/x86/zero-page.rst and
/// boot.rst (not through the generated struct), for a given kernel, memory size, command line and initramfs.
/// </summary>
public sealed class ZeroPageTests
{
    private const ulong Memory = 256UL << 20;

    private static byte[] ZeroPageBytes(byte[] image, ulong memory, int commandLine, ulong initrd, ulong initrdSize, ulong rsdp)
    {
        var kernel = BzImage.Parse(image, "test");
        var bootParams = ZeroPage.Build(kernel, memory, commandLine, initrd, initrdSize, rsdp);
        return MemoryMarshal.AsBytes(MemoryMarshal.CreateSpan(ref bootParams, 1)).ToArray();
    }

    [Fact]
    public void The_zero_page_is_4096_bytes_with_the_setup_header_copied_at_0x1F1()
    {
        var image = SyntheticBzImage.Build();
        var page = ZeroPageBytes(image, Memory, 20, 0, 0, 0);

        Assert.Equal(4096, page.Length);
        // Everything the kernel defined from 0x1F1 to the end of its header (0x202 + the jump's byte 0x6A) is copied,
        // save the fields a loader writes (type_of_loader 0x210, loadflags 0x211, ramdisk 0x218-0x21F, heap_end_ptr 0x224,
        // cmd_line_ptr 0x228).
        var written = new HashSet<int>([0x210, 0x211, .. Enumerable.Range(0x218, 8), 0x224, 0x225, .. Enumerable.Range(0x228, 4)]);
        for (var offset = 0x1F1; offset < 0x202 + 0x6A; offset++)
        {
            if (!written.Contains(offset))
                Assert.True(image[offset] == page[offset], $"byte 0x{offset:x}: image 0x{image[offset]:x2}, zero page 0x{page[offset]:x2}");
        }
        Assert.Equal("HdrS", System.Text.Encoding.ASCII.GetString(page, 0x202, 4));
    }

    [Fact]
    public void The_loader_fields_are_what_boot_rst_asks_of_a_64_bit_boot()
    {
        var page = ZeroPageBytes(SyntheticBzImage.Build(), Memory, 37, 0x0F000000, 0x123456, 0xE0000);

        Assert.Equal(0xFF, page[0x210]);                                              // type_of_loader: undefined
        Assert.Equal(0x01 | 0x80, page[0x211]);                                       // loadflags: LOADED_HIGH | CAN_USE_HEAP
        Assert.Equal(0x0F000000u, BinaryPrimitives.ReadUInt32LittleEndian(page.AsSpan(0x218)));  // ramdisk_image
        Assert.Equal(0x123456u, BinaryPrimitives.ReadUInt32LittleEndian(page.AsSpan(0x21C)));    // ramdisk_size
        Assert.Equal(0xE000 - 0x200, BinaryPrimitives.ReadUInt16LittleEndian(page.AsSpan(0x224))); // heap_end_ptr
        Assert.Equal((uint)GuestLayout.CommandLine, BinaryPrimitives.ReadUInt32LittleEndian(page.AsSpan(0x228))); // cmd_line_ptr
        Assert.Equal(0xE0000ul, BinaryPrimitives.ReadUInt64LittleEndian(page.AsSpan(0x070)));    // acpi_rsdp_addr (2.14)
        // The command line is below the kernel and the zero page is in conventional memory, as the protocol asks.
        Assert.True(GuestLayout.CommandLine + 0x10000 <= GuestLayout.Kernel);
    }

    [Theory]
    [InlineData(256UL << 20)]
    [InlineData(2UL << 20)]
    [InlineData(3UL << 30)]
    public void The_e820_map_covers_RAM_without_the_legacy_hole(ulong memory)
    {
        var page = ZeroPageBytes(SyntheticBzImage.Build(), memory, 1, 0, 0, 0);

        int entries = page[0x1E8];                                                     // e820_entries
        var map = Enumerable.Range(0, entries).Select(i =>
        {
            var entry = page.AsSpan(0x2D0 + i * 20);                                   // e820_table: addr u64, size u64, type u32, packed
            return (Address: BinaryPrimitives.ReadUInt64LittleEndian(entry), Size: BinaryPrimitives.ReadUInt64LittleEndian(entry[8..]),
                Type: BinaryPrimitives.ReadUInt32LittleEndian(entry[16..]));
        }).ToList();

        Assert.Equal(4, entries);
        // In address order, not overlapping.
        for (var i = 1; i < map.Count; i++)
            Assert.True(map[i].Address >= map[i - 1].Address + map[i - 1].Size, $"entry {i} overlaps entry {i - 1}");
        var ram = map.Where(e => e.Type == 1).ToList();                                // E820_TYPE_RAM
        Assert.Equal((0ul, 0x9FC00ul), (ram[0].Address, ram[0].Size));
        Assert.Equal((0x100000ul, memory - 0x100000), (ram[1].Address, ram[1].Size));
        // Nothing claims the VGA and option ROM hole at 0xA0000-0xDFFFF.
        Assert.DoesNotContain(map, e => e.Address < 0xE0000 && e.Address + e.Size > 0xA0000);
        // The MP table's last KiB of base memory and the ACPI tables' BIOS area are reserved.
        Assert.Contains(map, e => e.Type == 2 && e.Address == 0x9FC00 && e.Size == 0x400);
        Assert.Contains(map, e => e.Type == 2 && e.Address == 0xE0000 && e.Address + e.Size == 0x100000);
    }

    [Fact]
    public void The_initramfs_goes_at_the_top_of_RAM_page_aligned_and_below_initrd_addr_max()
    {
        var kernel = BzImage.Parse(SyntheticBzImage.Build(), "test");

        var address = ZeroPage.InitrdAddress(kernel, Memory, 1_000_001);

        Assert.Equal(0ul, address % 4096);
        Assert.True(address + 1_000_001 <= Memory);
        Assert.True(Memory - (address + 1_000_001) < 4096);
        Assert.Throws<BootImageException>(() => ZeroPage.InitrdAddress(kernel, Memory, Memory));
    }

    [Fact]
    public void A_command_line_longer_than_cmdline_size_is_refused_with_both_lengths()
    {
        var kernel = BzImage.Parse(SyntheticBzImage.Build(), "test");

        var e = Assert.Throws<BootImageException>(() => ZeroPage.Build(kernel, Memory, (int)SyntheticBzImage.CommandLineSize + 1, 0, 0, 0));
        Assert.Contains($"{SyntheticBzImage.CommandLineSize + 1} bytes", e.Message);
        Assert.Contains($"takes {SyntheticBzImage.CommandLineSize}", e.Message);
    }

    [Theory]
    [InlineData("HdrX", 0x020F, 1, "not a Linux bzImage")]
    [InlineData("HdrS", 0x020B, 1, "2.11")]
    [InlineData("HdrS", 0x020F, 0, "XLF_KERNEL_64")]
    public void An_image_the_64_bit_boot_cannot_take_is_refused_with_the_reason(string magic, ushort protocol, ushort xloadflags, string reason)
    {
        var e = Assert.Throws<BootImageException>(() => BzImage.Parse(SyntheticBzImage.Build(protocol, xloadflags, magic), "vmlinuz"));
        Assert.StartsWith("vmlinuz: ", e.Message);
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void The_protected_mode_kernel_starts_after_setup_sects_plus_one_sectors()
    {
        var image = SyntheticBzImage.Build();
        var kernel = BzImage.Parse(image, "test");

        Assert.Equal(SyntheticBzImage.ProtectedModeBytes, kernel.ProtectedModeKernel.Length);
        Assert.Equal(image[(SyntheticBzImage.SetupSectors + 1) * 512 + 5], kernel.ProtectedModeKernel[5]);
    }

    [SkippableFact]
    public void Debians_kernel_is_a_bzImage_the_64_bit_boot_takes()
    {
        var guest = GuestFiles.Find();
        Skip.If(guest is null, GuestFiles.MissingReason);

        var kernel = BzImage.Parse(File.ReadAllBytes(guest!.Kernel), guest.Kernel);

        Assert.True(kernel.Protocol >= 0x20C);
        Assert.True(kernel.Header.CmdlineSize >= 255);
        Assert.True(kernel.SetupHeaderLength > 0x202 - 0x1F1);
    }
}
