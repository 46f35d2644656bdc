using System.Diagnostics;
using System.Text.RegularExpressions;
using MicroVm.Boot;
using Xunit;

namespace KvmSharp.Tests.MicroVm;

/// <summary>Debian's vmlinux (decompressed from its vmlinuz by .ci/guest) as MicroVm loads it, against binutils' readelf.</summary>
public sealed partial class ElfKernelTests
{
    [SkippableFact]
    public void The_entry_and_the_loaded_segments_are_what_readelf_says()
    {
        var guest = GuestFiles.Find();
        Skip.If(guest is null, GuestFiles.MissingReason);
        var vmlinux = Path.Combine(guest!.Folder, "vmlinux");
        var readelf = Run("readelf", "-lhW", vmlinux);
        var entry = Convert.ToUInt64(EntryLine().Match(readelf).Groups[1].Value, 16);
        var loads = LoadLine().Matches(readelf).Select(m => (Offset: Convert.ToInt32(m.Groups["offset"].Value, 16),
            Physical: Convert.ToUInt64(m.Groups["physical"].Value, 16), MemorySize: Convert.ToUInt64(m.Groups["memory"].Value, 16))).ToList();
        Assert.NotEmpty(loads);

        var image = File.ReadAllBytes(vmlinux);
        var kernel = (ElfKernel)KernelImage.Parse(image, vmlinux);

        Assert.Equal(entry, kernel.Entry);
        Assert.Equal(loads.Max(l => l.Physical + l.MemorySize), kernel.End);
        // What the zero page gets: boot.rst's magic, a 2.15 protocol, a 64-bit kernel.
        Assert.Equal(0x53726448u, kernel.Header.Header);
        Assert.Equal(0xAA55, kernel.Header.BootFlag);
        Assert.Equal(1, kernel.Header.Xloadflags & 1);

        // Loaded: every segment's file bytes at its physical address.
        var memory = new byte[(int)kernel.End + 4096];
        kernel.Load(memory);
        foreach (var load in loads)
            Assert.True(memory.AsSpan((int)load.Physical, 256).SequenceEqual(image.AsSpan(load.Offset, 256)), $"the segment at 0x{load.Physical:x}");
    }

    [Fact]
    public void A_32_bit_or_foreign_ELF_is_refused_with_the_reason()
    {
        var elf = new byte[64];
        elf[0] = 0x7F;
        "ELF"u8.CopyTo(elf.AsSpan(1));
        elf[4] = 1;   // ELFCLASS32

        var e = Assert.Throws<BootImageException>(() => KernelImage.Parse(elf, "k"));
        Assert.Equal("k: not a 64-bit little-endian ELF file", e.Message);
        elf[4] = 2;
        elf[5] = 1;
        elf[16] = 2;  // ET_EXEC
        elf[18] = 183; // EM_AARCH64
        Assert.Equal("k: not an x86_64 ELF executable", Assert.Throws<BootImageException>(() => KernelImage.Parse(elf, "k")).Message);
    }

    private static string Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} failed: {process.StandardError.ReadToEnd()}");
        return output;
    }

    [GeneratedRegex(@"Entry point address:\s+0x([0-9a-f]+)")]
    private static partial Regex EntryLine();

    // "LOAD 0xOFFSET 0xVIRT 0xPHYS 0xFILESZ 0xMEMSZ FLAGS ALIGN" (readelf -W).
    [GeneratedRegex(@"^\s*LOAD\s+0x(?<offset>[0-9a-f]+)\s+0x[0-9a-f]+\s+0x(?<physical>[0-9a-f]+)\s+0x[0-9a-f]+\s+0x(?<memory>[0-9a-f]+)", RegexOptions.Multiline)]
    private static partial Regex LoadLine();
}
