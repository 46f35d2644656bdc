using System.Runtime.InteropServices;
using MicroVm.Kvm;

namespace MicroVm.Boot;

/// <summary>
/// Builds the zero page (<c>struct boot_params</c>) a 64-bit boot hands the kernel, as boot.rst's "64-bit BOOT
/// PROTOCOL" asks: the image's setup header copied in at 0x1F1, the fields "write" or "modify" for a boot loader
/// filled in (type_of_loader, loadflags, cmd_line_ptr, ramdisk_image and ramdisk_size), and the e820 memory map.
/// </summary>
internal static class ZeroPage
{
    /// <summary>type_of_loader 0xFF: "undefined" boot loader (boot.rst: a loader without an assigned id).</summary>
    public const byte UndefinedLoader = 0xFF;

    /// <summary>loadflags bit 0, LOADED_HIGH: the protected-mode code is loaded at 0x100000.</summary>
    public const byte LoadedHigh = 1 << 0;

    /// <summary>loadflags bit 7, CAN_USE_HEAP: heap_end_ptr is valid.</summary>
    public const byte CanUseHeap = 1 << 7;

    /// <summary>heap_end_ptr: boot.rst sets it to the end of the setup heap minus 0x200 (0xE000 - 0x200 for a modern loader).</summary>
    public const ushort HeapEnd = 0xE000 - 0x200;

    /// <summary>Builds the zero page.</summary>
    /// <param name="kernel">The image whose setup header is copied.</param>
    /// <param name="memorySize">The guest's RAM, for the e820 map.</param>
    /// <param name="commandLineLength">The command line's length without its NUL, which must fit the kernel's cmdline_size.</param>
    /// <param name="initrdAddress">Where the initramfs is loaded; 0 for none.</param>
    /// <param name="initrdSize">Its size in bytes.</param>
    /// <param name="rsdpAddress">The ACPI RSDP (boot protocol 2.14 acpi_rsdp_addr); 0 to let the kernel scan for it.</param>
    /// <exception cref="BootImageException">The command line is longer than the kernel takes.</exception>
    public static BootParams Build(IKernelImage kernel, ulong memorySize, int commandLineLength, ulong initrdAddress, ulong initrdSize, ulong rsdpAddress)
    {
        var bootParams = default(BootParams);
        var bytes = MemoryMarshal.AsBytes(MemoryMarshal.CreateSpan(ref bootParams, 1));
        kernel.SetupHeaderBytes.CopyTo(bytes[BzImage.SetupHeaderOffset..]);

        ref var header = ref bootParams.Hdr;
        // boot.rst: cmdline_size is the maximum size without the terminating zero (protocol 2.06+).
        if ((uint)commandLineLength > header.CmdlineSize)
            throw new BootImageException($"the command line is {commandLineLength} bytes; this kernel takes {header.CmdlineSize}");
        header.TypeOfLoader = UndefinedLoader;
        header.Loadflags = (byte)(header.Loadflags | LoadedHigh | CanUseHeap);
        header.HeapEndPtr = HeapEnd;
        header.CmdLinePtr = checked((uint)GuestLayout.CommandLine);
        header.RamdiskImage = checked((uint)initrdAddress);
        header.RamdiskSize = checked((uint)initrdSize);
        bootParams.AcpiRsdpAddr = rsdpAddress;

        var map = E820Map.For(memorySize);
        for (var i = 0; i < map.Length; i++)
            bootParams.E820Table[i] = map[i];
        bootParams.E820Entries = (byte)map.Length;
        return bootParams;
    }

    /// <summary>Where the initramfs goes: as high as RAM and the kernel's initrd_addr_max allow, page-aligned.</summary>
    /// <exception cref="BootImageException">It does not fit above the kernel.</exception>
    public static ulong InitrdAddress(IKernelImage kernel, ulong memorySize, ulong initrdSize)
    {
        // boot.rst: initrd_addr_max is the highest address the initrd may occupy (its last byte).
        var limit = Math.Min(memorySize, (ulong)kernel.Header.InitrdAddrMax + 1);
        var kernelEnd = kernel.End;
        if (initrdSize > limit || ((limit - initrdSize) & ~0xFFFUL) < kernelEnd)
            throw new BootImageException($"the initramfs ({initrdSize} bytes) does not fit between the kernel's end (0x{kernelEnd:x}) and 0x{limit:x}: give the guest more memory");
        return (limit - initrdSize) & ~0xFFFUL;
    }
}
