using System.Text;

namespace MicroVm.Guest;

/// <summary>
/// The initramfs the tests and the benchmark boot: busybox-static as <c>/bin/busybox</c> and an <c>/init</c> script that
/// prints <see cref="Marker"/>, <c>uname -r</c> and the CPU count, echoes a line of the console when the kernel
/// command line has <c>kvmsharp_echo=1</c> (the kernel hands such parameters to init as environment variables), and
/// powers off.
/// </summary>
internal static class TestInitramfs
{
    /// <summary>The line the init prints once userspace runs.</summary>
    public const string Marker = "KVMSHARP-GUEST-USERSPACE";

    /// <summary>The prefix of the line that repeats what the init read from the console.</summary>
    public const string EchoPrefix = "guest read: ";

    /// <summary>The init script.</summary>
    public const string InitScript =
        "#!/bin/busybox sh\n" +
        "/bin/busybox mkdir -p /proc /sys\n" +
        "/bin/busybox mount -t proc proc /proc\n" +
        "/bin/busybox mount -t sysfs sysfs /sys\n" +
        "echo " + Marker + "\n" +
        "echo \"kernel: $(/bin/busybox uname -r)\"\n" +
        "echo \"cpus: $(/bin/busybox grep -c ^processor /proc/cpuinfo)\"\n" +
        "if [ \"$kvmsharp_echo\" = 1 ]; then\n" +
        "    read -r line\n" +
        "    echo \"" + EchoPrefix + "$line\"\n" +
        "fi\n" +
        "/bin/busybox poweroff -f\n";

    /// <summary>Builds the archive around <paramref name="busybox"/>, a static busybox binary.</summary>
    public static byte[] Build(ReadOnlySpan<byte> busybox)
    {
        var cpio = new CpioNewcWriter();
        cpio.AddDirectory("bin");
        cpio.AddDirectory("dev");
        cpio.AddDirectory("proc");
        cpio.AddDirectory("sys");
        // The kernel opens /dev/console for init's stdin, stdout and stderr before running it: without the node an
        // initramfs init has no output ("Warning: unable to open an initial console"). 5:1 is the console (devices.txt).
        cpio.AddCharDevice("dev/console", 5, 1);
        cpio.AddFile("bin/busybox", busybox);
        cpio.AddFile("init", Encoding.ASCII.GetBytes(InitScript));
        return cpio.Finish();
    }
}
