using System.Diagnostics;
using System.Text;
using MicroVm.Guest;
using Xunit;

namespace KvmSharp.Tests.MicroVm;

/// <summary>
/// The initramfs builder: its newc archive, read back by an independent reader (busybox's own cpio, from Debian's
/// busybox-static) and checked against the format's definition (buffer-format.rst: "070701", thirteen 8-digit hex fields,
/// name and data padded to 4 bytes, "TRAILER!!!").
/// </summary>
public sealed class InitramfsTests
{
    [Fact]
    public void Every_header_is_newc_with_its_name_and_data_padded_to_4_bytes()
    {
        var cpio = new CpioNewcWriter();
        cpio.AddDirectory("bin");
        cpio.AddFile("bin/hello", Encoding.ASCII.GetBytes("hello\n"));   // 6 bytes: data padded by 2
        cpio.AddCharDevice("dev/console", 5, 1);
        var archive = cpio.Finish();

        var entries = new List<(string Name, uint Mode, uint Size, uint RdevMajor, uint RdevMinor, byte[] Data)>();
        var at = 0;
        while (true)
        {
            Assert.Equal("070701", Encoding.ASCII.GetString(archive, at, 6));
            uint Field(int index) => Convert.ToUInt32(Encoding.ASCII.GetString(archive, at + 6 + index * 8, 8), 16);
            var (mode, size, rdevMajor, rdevMinor, nameSize) = (Field(1), Field(6), Field(9), Field(10), Field(11));
            var name = Encoding.ASCII.GetString(archive, at + 110, (int)nameSize - 1);
            Assert.Equal(0, archive[at + 110 + (int)nameSize - 1]);
            var dataStart = (at + 110 + (int)nameSize + 3) & ~3;
            entries.Add((name, mode, size, rdevMajor, rdevMinor, archive.AsSpan(dataStart, (int)size).ToArray()));
            at = (dataStart + (int)size + 3) & ~3;
            if (name == "TRAILER!!!")
                break;
        }

        Assert.Equal(archive.Length, at);
        Assert.Equal(["bin", "bin/hello", "dev/console", "TRAILER!!!"], entries.Select(e => e.Name));
        Assert.Equal(0x41EDu, entries[0].Mode);                        // S_IFDIR | 0755
        Assert.Equal(0x81EDu, entries[1].Mode);                        // S_IFREG | 0755
        Assert.Equal("hello\n", Encoding.ASCII.GetString(entries[1].Data));
        Assert.Equal((0x2180u, 5u, 1u), (entries[2].Mode, entries[2].RdevMajor, entries[2].RdevMinor)); // S_IFCHR | 0600, 5:1
    }

    [SkippableFact]
    public void Busybox_cpio_lists_and_extracts_the_test_initramfs()
    {
        var guest = GuestFiles.Find();
        Skip.If(guest is null, GuestFiles.MissingReason);
        var busybox = File.ReadAllBytes(guest!.Busybox);
        var work = Directory.CreateTempSubdirectory("kvmsharp-initramfs-").FullName;
        try
        {
            var archive = Path.Combine(work, "initramfs.cpio");
            File.WriteAllBytes(archive, TestInitramfs.Build(busybox));

            var listing = Run(guest.Busybox, ["cpio", "-t"], archive, work);
            Assert.Equal(["bin", "dev", "proc", "sys", "dev/console", "bin/busybox", "init"], listing.Split('\n', StringSplitOptions.RemoveEmptyEntries));

            var root = Directory.CreateDirectory(Path.Combine(work, "root")).FullName;
            // -d: make folders; the device node needs root's mknod, so only regular files and folders are extracted.
            Run(guest.Busybox, ["cpio", "-i", "-d", "bin/busybox", "init", "proc", "sys"], archive, root);
            Assert.Equal(busybox, File.ReadAllBytes(Path.Combine(root, "bin", "busybox")));
            Assert.Equal(TestInitramfs.InitScript, File.ReadAllText(Path.Combine(root, "init")));
            if (OperatingSystem.IsLinux())
                Assert.True((File.GetUnixFileMode(Path.Combine(root, "init")) & UnixFileMode.UserExecute) != 0);
            Assert.True(Directory.Exists(Path.Combine(root, "proc")));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [SkippableFact]
    public void Busybox_sh_parses_the_init_script()
    {
        var guest = GuestFiles.Find();
        Skip.If(guest is null, GuestFiles.MissingReason);
        var work = Directory.CreateTempSubdirectory("kvmsharp-init-").FullName;
        try
        {
            var script = Path.Combine(work, "init");
            File.WriteAllText(script, TestInitramfs.InitScript);
            // sh -n: read the script without running it; a syntax error fails.
            Run(guest!.Busybox, ["sh", "-n", script], null, work);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static string Run(string program, string[] arguments, string? input, string directory)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        if (input is not null)
        {
            using var file = File.OpenRead(input);
            file.CopyTo(process.StandardInput.BaseStream);
        }
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)} exited {process.ExitCode}: {error}");
        return output.Result;
    }
}
