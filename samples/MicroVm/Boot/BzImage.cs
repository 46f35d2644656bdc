using System.Runtime.InteropServices;
using MicroVm.Kvm;

namespace MicroVm.Boot;

/// <summary>
/// A Linux x86 bzImage, read as Documentation/arch/x86/boot.rst describes: the real-mode setup (its first sector
/// carries <c>struct setup_header</c> at 0x1F1) followed by the protected-mode kernel, which is what a 64-bit boot
/// loads.
/// </summary>
internal sealed class BzImage : IKernelImage
{
    /// <summary>Where the setup header starts in the image and in boot_params (boot.rst, "THE REAL-MODE KERNEL HEADER").</summary>
    public const int SetupHeaderOffset = 0x1F1;

    private const uint HeaderMagic = 0x53726448;    // "HdrS" at 0x202
    private const ushort MinimumProtocol = 0x20C;   // 2.12: xloadflags, and so XLF_KERNEL_64
    private const ushort XlfKernel64 = 1 << 0;      // XLF_KERNEL_64: the kernel has the 64-bit entry at +0x200

    private BzImage(byte[] image, SetupHeader header, int setupHeaderLength)
    {
        Image = image;
        Header = header;
        SetupHeaderLength = setupHeaderLength;
    }

    /// <summary>The whole file.</summary>
    public byte[] Image { get; }

    /// <summary>The image's setup header, as the generated struct.</summary>
    public SetupHeader Header { get; }

    /// <summary>
    /// How many bytes of the header the kernel defines, from 0x1F1: boot.rst says the header ends at 0x202 plus the
    /// byte at 0x201 (the jump's offset), and a loader copies that much into boot_params.
    /// </summary>
    public int SetupHeaderLength { get; }

    /// <summary>The boot protocol version, for example 0x20F.</summary>
    public ushort Protocol => Header.Version;

    /// <summary>The protected-mode kernel: what follows the (setup_sects + 1) sectors of the real-mode part.</summary>
    public ReadOnlySpan<byte> ProtectedModeKernel => Image.AsSpan(((Header.SetupSects == 0 ? 4 : Header.SetupSects) + 1) * 512);

    /// <summary>Reads and checks <paramref name="image"/>.</summary>
    /// <exception cref="BootImageException">Not a bzImage this VMM can boot, with the reason.</exception>
    public static BzImage Parse(byte[] image, string name)
    {
        var headerSize = Marshal.SizeOf<SetupHeader>();
        if (image.Length < SetupHeaderOffset + headerSize)
            throw new BootImageException($"{name}: {image.Length} bytes is too short for a bzImage (the setup header ends at {SetupHeaderOffset + headerSize})");
        var header = MemoryMarshal.Read<SetupHeader>(image.AsSpan(SetupHeaderOffset));
        if (header.Header != HeaderMagic)
            throw new BootImageException($"{name}: no \"HdrS\" at 0x202: not a Linux bzImage");
        if (header.Version < MinimumProtocol)
            throw new BootImageException($"{name}: boot protocol {header.Version >> 8}.{header.Version & 0xFF:D2}; the 64-bit entry needs 2.12 or later");
        if ((header.Xloadflags & XlfKernel64) == 0)
            throw new BootImageException($"{name}: xloadflags lacks XLF_KERNEL_64: the kernel has no 64-bit entry point");
        var setupSectors = header.SetupSects == 0 ? 4 : header.SetupSects;
        if (image.Length <= (setupSectors + 1) * 512)
            throw new BootImageException($"{name}: the image ends inside its {setupSectors} setup sectors");
        var end = 0x202 + image[0x201];
        var length = Math.Min(end - SetupHeaderOffset, headerSize);
        return new BzImage(image, header, length);
    }

    /// <inheritdoc />
    public ReadOnlySpan<byte> SetupHeaderBytes => Image.AsSpan(SetupHeaderOffset, SetupHeaderLength);

    /// <summary>The 64-bit entry: the protected-mode kernel's load address + 0x200 (boot.rst, "64-bit BOOT PROTOCOL").</summary>
    public ulong Entry => GuestLayout.Kernel + 0x200;

    /// <summary>
    /// The load address plus init_size, the memory the kernel needs from there to decompress and start (boot.rst,
    /// init_size), or plus the image when that is larger.
    /// </summary>
    public ulong End => GuestLayout.Kernel + Math.Max((ulong)ProtectedModeKernel.Length, Header.InitSize);

    /// <inheritdoc />
    public void Load(Span<byte> memory)
    {
        if (GuestLayout.Kernel + (ulong)ProtectedModeKernel.Length > (ulong)memory.Length)
            throw new BootImageException($"the kernel ({ProtectedModeKernel.Length} bytes) does not fit in {memory.Length} bytes of guest memory");
        ProtectedModeKernel.CopyTo(memory[(int)GuestLayout.Kernel..]);
    }
}

/// <summary>A kernel or initramfs that cannot be booted: the message says which file and why.</summary>
internal sealed class BootImageException(string message) : Exception(message);
