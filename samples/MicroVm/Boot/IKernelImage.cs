using MicroVm.Kvm;

namespace MicroVm.Boot;

/// <summary>A kernel the 64-bit boot can start: a bzImage, or the uncompressed ELF vmlinux inside one.</summary>
internal interface IKernelImage
{
    /// <summary>The setup header, as the zero page gets it at 0x1F1.</summary>
    SetupHeader Header { get; }

    /// <summary>The bytes of the setup header the zero page gets at 0x1F1 (as many as the kernel defines).</summary>
    ReadOnlySpan<byte> SetupHeaderBytes { get; }

    /// <summary>The guest-physical address of the 64-bit entry point.</summary>
    ulong Entry { get; }

    /// <summary>The first guest-physical byte past what the kernel occupies, and may use while it boots.</summary>
    ulong End { get; }

    /// <summary>Copies the kernel into guest memory (<paramref name="memory"/> starts at guest-physical 0).</summary>
    /// <exception cref="BootImageException">It does not fit.</exception>
    void Load(Span<byte> memory);
}

/// <summary>Reads a kernel file of either kind.</summary>
internal static class KernelImage
{
    /// <summary>An ELF vmlinux (by its magic), else a bzImage.</summary>
    /// <exception cref="BootImageException">Neither, or one this VMM cannot boot; the message says which file and why.</exception>
    public static IKernelImage Parse(byte[] image, string name) =>
        image.AsSpan().StartsWith(ElfKernel.Magic) ? ElfKernel.Parse(image, name) : BzImage.Parse(image, name);
}
