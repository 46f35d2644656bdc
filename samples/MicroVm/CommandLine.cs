using System.Globalization;
using MicroVm.Machine;

namespace MicroVm;

/// <summary>The command line of the sample: <c>--kernel BZIMAGE [--initrd CPIO] [--cmdline "..."] [--memory 256M] [--cpus N] [--stats]</c>.</summary>
internal static class CommandLine
{
    public const string Usage =
        "usage: MicroVm --kernel BZIMAGE [--initrd CPIO] [--cmdline \"...\"] [--memory 256M] [--cpus N] [--stats]\n" +
        "       MicroVm initramfs --busybox BUSYBOX -o CPIO   (writes the test guest's initramfs)\n" +
        "  --kernel   an x86_64 Linux bzImage (64-bit boot protocol, 2.12 or later), or its uncompressed ELF vmlinux\n" +
        "  --initrd   an initramfs (cpio newc, as the kernel unpacks it)\n" +
        "  --cmdline  the kernel command line (default: \"" + MachineOptions.DefaultCommandLine + "\")\n" +
        "  --memory   guest RAM: bytes, or a number with K, M or G (default 256M; 2M to 3G)\n" +
        "  --cpus     vCPUs, 1 to 64 (default 1)\n" +
        "  --stats    print VM exits by reason and port, and bytes allocated per exit, to standard error at the end";

    /// <summary>Parses <paramref name="args"/>.</summary>
    /// <exception cref="UsageException">A wrong command line, with what was expected.</exception>
    public static MachineOptions Parse(IReadOnlyList<string> args)
    {
        string? kernel = null, initrd = null, commandLine = null;
        var memory = MachineOptions.DefaultMemory;
        var cpus = 1;
        var statistics = false;
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new UsageException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--kernel":
                    kernel = Value();
                    break;
                case "--initrd":
                    initrd = Value();
                    break;
                case "--cmdline":
                    commandLine = Value();
                    break;
                case "--memory":
                    memory = ParseSize(Value());
                    break;
                case "--cpus":
                    var text = Value();
                    if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out cpus) || cpus is < 1 or > 64)
                        throw new UsageException($"--cpus takes a count from 1 to 64, not '{text}'");
                    break;
                case "--stats":
                    statistics = true;
                    break;
                default:
                    throw new UsageException($"unknown argument '{args[i]}'");
            }
        }
        if (kernel is null)
            throw new UsageException("--kernel is required");
        return new MachineOptions(kernel, initrd, commandLine ?? MachineOptions.DefaultCommandLine, memory, cpus, statistics);
    }

    /// <summary>A size such as 256M, 1G, 65536 or 512K.</summary>
    public static ulong ParseSize(string text)
    {
        var shift = text.Length > 0 ? char.ToUpperInvariant(text[^1]) switch { 'K' => 10, 'M' => 20, 'G' => 30, _ => 0 } : 0;
        var digits = shift == 0 ? text : text[..^1];
        if (!ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > (ulong.MaxValue >> shift))
            throw new UsageException($"--memory takes a size such as 256M or 1G, not '{text}'");
        var size = value << shift;
        if (size < (2UL << 20) || size > Boot.GuestLayout.MaxMemory)
            throw new UsageException($"--memory must be from 2M to 3G (the 32-bit MMIO hole starts at 3 GiB), not '{text}'");
        return size;
    }
}

/// <summary>A wrong command line; the message says what was expected.</summary>
internal sealed class UsageException(string message) : Exception(message);
