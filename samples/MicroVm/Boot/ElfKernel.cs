using System.Buffers.Binary;
using System.Runtime.InteropServices;
using MicroVm.Kvm;

namespace MicroVm.Boot;

/// <summary>
/// An uncompressed x86_64 vmlinux (ELF64, the System V ABI's layout): its PT_LOAD segments go to their physical
/// addresses and vCPU 0 starts at e_entry, the physical address of startup_64, in the state of boot.rst's 64-bit
/// protocol. This skips the bzImage's decompressor, as Firecracker and Cloud Hypervisor boot. Having no real-mode
/// header of its own, it gets the setup header a loader of a bzImage would leave: boot.rst's magic and version, the
/// boot flag, and the fields the kernel reads.
/// </summary>
internal sealed class ElfKernel : IKernelImage
{
    /// <summary>"\x7FELF".</summary>
    public static ReadOnlySpan<byte> Magic => [0x7F, (byte)'E', (byte)'L', (byte)'F'];

    private const byte Class64 = 2, LittleEndian = 1;
    private const ushort Executable = 2, X86_64 = 62;
    private const uint LoadableSegment = 1;   // PT_LOAD

    private readonly byte[] _image;
    private readonly (ulong FileOffset, ulong FileSize, ulong Physical, ulong MemorySize)[] _segments;
    private readonly SetupHeader _header;

    private ElfKernel(byte[] image, (ulong FileOffset, ulong FileSize, ulong Physical, ulong MemorySize)[] segments, ulong entry)
    {
        _image = image;
        _segments = segments;
        Entry = entry;
        End = segments.Max(s => s.Physical + s.MemorySize);
        _header = new SetupHeader
        {
            BootFlag = 0xAA55,
            Header = 0x53726448,                 // "HdrS"
            Version = 0x020F,                    // boot protocol 2.15
            TypeOfLoader = ZeroPage.UndefinedLoader,
            Loadflags = ZeroPage.LoadedHigh,
            KernelAlignment = 0x200000,
            RelocatableKernel = 0,
            Xloadflags = 1,                      // XLF_KERNEL_64
            CmdlineSize = 2047,                  // COMMAND_LINE_SIZE 2048 of x86, less the NUL
            InitrdAddrMax = 0x7FFFFFFF,
            InitSize = checked((uint)(End - segments.Min(s => s.Physical))),
        };
    }

    /// <inheritdoc />
    public SetupHeader Header => _header;

    /// <inheritdoc />
    public ReadOnlySpan<byte> SetupHeaderBytes => MemoryMarshal.AsBytes(new ReadOnlySpan<SetupHeader>(in _header));

    /// <inheritdoc />
    public ulong Entry { get; }

    /// <inheritdoc />
    public ulong End { get; }

    /// <summary>Reads and checks <paramref name="image"/>.</summary>
    /// <exception cref="BootImageException">Not an x86_64 executable with loadable segments.</exception>
    public static ElfKernel Parse(byte[] image, string name)
    {
        var span = image.AsSpan();
        if (span.Length < 64 || span[4] != Class64 || span[5] != LittleEndian)
            throw new BootImageException($"{name}: not a 64-bit little-endian ELF file");
        if (BinaryPrimitives.ReadUInt16LittleEndian(span[16..]) != Executable || BinaryPrimitives.ReadUInt16LittleEndian(span[18..]) != X86_64)
            throw new BootImageException($"{name}: not an x86_64 ELF executable");
        var entry = BinaryPrimitives.ReadUInt64LittleEndian(span[24..]);
        var programHeaders = BinaryPrimitives.ReadUInt64LittleEndian(span[32..]);
        var entrySize = BinaryPrimitives.ReadUInt16LittleEndian(span[54..]);
        var count = BinaryPrimitives.ReadUInt16LittleEndian(span[56..]);
        var segments = new List<(ulong FileOffset, ulong FileSize, ulong Physical, ulong MemorySize)>();
        for (var i = 0; i < count; i++)
        {
            var at = programHeaders + (ulong)(i * entrySize);
            if (at + 56 > (ulong)span.Length)
                throw new BootImageException($"{name}: program header {i} lies past the end of the file");
            var header = span[(int)at..];
            if (BinaryPrimitives.ReadUInt32LittleEndian(header) != LoadableSegment)
                continue;
            var (offset, physical, fileSize, memorySize) = (BinaryPrimitives.ReadUInt64LittleEndian(header[8..]),
                BinaryPrimitives.ReadUInt64LittleEndian(header[24..]), BinaryPrimitives.ReadUInt64LittleEndian(header[32..]),
                BinaryPrimitives.ReadUInt64LittleEndian(header[40..]));
            if (offset + fileSize > (ulong)span.Length || fileSize > memorySize)
                throw new BootImageException($"{name}: segment {i} is larger than the file or its memory size");
            if (physical < GuestLayout.HighMemory)
                throw new BootImageException($"{name}: segment {i} loads at 0x{physical:x}, below 1 MiB where the VMM's tables are");
            segments.Add((offset, fileSize, physical, memorySize));
        }
        if (segments.Count == 0)
            throw new BootImageException($"{name}: no loadable segment");
        return new ElfKernel(image, segments.ToArray(), entry);
    }

    /// <inheritdoc />
    public void Load(Span<byte> memory)
    {
        foreach (var (offset, fileSize, physical, memorySize) in _segments)
        {
            if (physical + memorySize > (ulong)memory.Length)
                throw new BootImageException($"the kernel's segment at 0x{physical:x} ({memorySize} bytes) does not fit in {memory.Length} bytes of guest memory");
            _image.AsSpan((int)offset, (int)fileSize).CopyTo(memory[(int)physical..]);
            memory.Slice((int)(physical + fileSize), (int)(memorySize - fileSize)).Clear();
        }
    }
}
