using KvmSharp.Tests.Runtime;
using MicroVm.Guest;
using Xunit;

namespace KvmSharp.Tests.MicroVm;

/// <summary>
/// samples/MicroVm booting Debian's own kernel (linux-image-amd64's vmlinuz, fetched by .ci/guest) with the test
/// initramfs to its init's marker line, and the guest's power-off ending the VMM with exit code 0. Judged by what the
/// guest itself prints: the kernel release as its uname -r says it (against the package's file name), the CPUs its
/// /proc/cpuinfo lists, and the console line it read back.
/// </summary>
public sealed class BootTests
{
    /// <summary>
    /// Skips unless a real boot can be seen here: /dev/kvm, the guest, and a KVM that runs guest kernels on the CPU.
    /// The PVM hypervisor (module kvm_pvm, KVM without hardware virtualization) runs an unmodified kernel's ring-0 code in
    /// KVM's instruction emulator, at about a million instructions a second, and that emulator has no INT3 outside real
    /// mode (arch/x86/kvm/emulate.c, emulate_int), which Linux executes on purpose in its alternatives self-test: there
    /// Debian's kernel stops with KVM_EXIT_INTERNAL_ERROR minutes into start_kernel.
    /// </summary>
    private static GuestFiles RequireBootableHost()
    {
        KvmTestHost.RequireKvm();
        var guest = GuestFiles.Find();
        Skip.If(guest is null, GuestFiles.MissingReason);
        Skip.If(Directory.Exists("/sys/module/kvm_pvm") && Environment.GetEnvironmentVariable("KVMSHARP_BOOT_ON_PVM") != "1",
            "this /dev/kvm is PVM (module kvm_pvm), which runs an unmodified guest kernel in KVM's instruction emulator: about a " +
            "million instructions a second and no INT3 in protected mode, which Linux's alternatives self-test executes, so Linux " +
            "cannot boot here; KVMSHARP_BOOT_ON_PVM=1 (with KVMSHARP_BOOT_TIMEOUT in seconds) runs the boot anyway");
        return guest!;
    }

    [SkippableTheory]
    [InlineData(1)]
    [InlineData(2)]
    public void Debians_kernel_boots_to_the_init_marker_and_powers_off(int cpus)
    {
        var guest = RequireBootableHost();
        var initramfs = MicroVmProcess.BuildInitramfs(guest);
        try
        {
            var run = MicroVmProcess.Run(["--kernel", guest.Kernel, "--initrd", initramfs, "--cpus", cpus.ToString(), "--memory", "256M"]);

            Assert.True(run.ExitCode == 0, run.Describe());
            var lines = run.StandardOutput.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
            Assert.Contains(TestInitramfs.Marker, lines);
            Assert.Contains($"kernel: {guest.KernelRelease}", lines);
            Assert.Contains($"cpus: {cpus}", lines);
            Assert.Contains("MicroVm: the guest stopped: PowerOff", run.StandardError);
        }
        finally
        {
            File.Delete(initramfs);
        }
    }

    [SkippableFact]
    public void A_line_written_to_standard_input_reaches_the_guest_through_the_UART()
    {
        var guest = RequireBootableHost();
        var initramfs = MicroVmProcess.BuildInitramfs(guest);
        const string Line = "hello from the host 12345";
        try
        {
            // kvmsharp_echo=1 reaches the init as an environment variable: it then reads a line from its console.
            var run = MicroVmProcess.Run(
                ["--kernel", guest.Kernel, "--initrd", initramfs, "--cmdline", global::MicroVm.Machine.MachineOptions.DefaultCommandLine + " kvmsharp_echo=1"],
                (line, input) =>
                {
                    if (line.TrimEnd('\r') == TestInitramfs.Marker)
                    {
                        input.Write(Line + "\n");
                        input.Flush();
                    }
                });

            Assert.True(run.ExitCode == 0, run.Describe());
            Assert.Contains(TestInitramfs.EchoPrefix + Line, run.StandardOutput);
        }
        finally
        {
            File.Delete(initramfs);
        }
    }

    [Fact]
    public void A_kernel_that_is_no_kernel_is_one_line_naming_the_file_and_exit_code_1()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(file, new byte[4096]);

            var run = MicroVmProcess.Run(["--kernel", file]);

            Assert.Equal(1, run.ExitCode);
            Assert.Equal($"MicroVm: {file}: no \"HdrS\" at 0x202: not a Linux bzImage\n", run.StandardError);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData(new[] { "--cpus", "0", "--kernel", "k" }, "--cpus takes a count from 1 to 64, not '0'")]
    [InlineData(new[] { "--kernel", "k", "--memory", "1M" }, "--memory must be from 2M to 3G")]
    [InlineData(new[] { "--initrd", "i" }, "--kernel is required")]
    [InlineData(new[] { "--kernel" }, "--kernel needs a value")]
    public void A_wrong_command_line_is_exit_code_2_with_what_was_expected_and_the_usage(string[] arguments, string message)
    {
        var run = MicroVmProcess.Run(arguments);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"MicroVm: {message}", run.StandardError);
        Assert.Contains("usage: MicroVm --kernel BZIMAGE", run.StandardError);
        Assert.DoesNotContain("   at ", run.StandardError);
    }
}
