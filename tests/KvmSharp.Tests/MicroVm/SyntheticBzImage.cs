using System.Buffers.Binary;
using System.Text;

namespace KvmSharp.Tests.MicroVm;

/// <summary>
/// A bzImage made of nothing but its setup header, written byte by byte at the offsets Documentation/arch/x86/boot.rst
/// gives ("THE REAL-MODE KERNEL HEADER"), independently of the generated <c>struct setup_header</c>.
/// </summary>
internal static class SyntheticBzImage
{
    public const int SetupSectors = 4;
    public const ushort Protocol = 0x020F;
    public const uint CommandLineSize = 2047;
    public const uint InitrdAddrMax = 0x7FFFFFFF;
    public const uint InitSize = 0x2000000;
    public const byte KernelLoadflags = 0x01;        // LOADED_HIGH, as a bzImage has it
    public const int ProtectedModeBytes = 64 * 1024;

    public static byte[] Build(ushort protocol = Protocol, ushort xloadflags = 0x1, string magic = "HdrS")
    {
        var image = new byte[(SetupSectors + 1) * 512 + ProtectedModeBytes];
        image[0x1F1] = SetupSectors;                                                // setup_sects
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(0x1FE), 0xAA55);      // boot_flag
        image[0x200] = 0xEB;                                                        // jump: short jmp
        image[0x201] = 0x6A;                                                        // to 0x26C: the header ends at 0x202 + 0x6A
        Encoding.ASCII.GetBytes(magic).CopyTo(image, 0x202);                       // header
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(0x206), protocol);    // version
        image[0x211] = KernelLoadflags;                                             // loadflags
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(0x22C), InitrdAddrMax); // initrd_addr_max
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(0x230), 0x200000);    // kernel_alignment
        image[0x234] = 1;                                                           // relocatable_kernel
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(0x236), xloadflags);  // xloadflags
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(0x238), CommandLineSize); // cmdline_size
        BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan(0x258), 0x1000000);   // pref_address
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(0x260), InitSize);    // init_size
        // The protected-mode kernel: a recognizable pattern.
        for (var i = 0; i < ProtectedModeBytes; i++)
            image[(SetupSectors + 1) * 512 + i] = (byte)(i * 7);
        return image;
    }
}
