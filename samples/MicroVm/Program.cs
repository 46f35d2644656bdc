using KvmSharp;
using MicroVm;
using MicroVm.Boot;
using MicroVm.Kvm;
using MicroVm.Machine;

// A VMM that boots a Linux kernel to userspace: see README.md, "MicroVm". Exit code 0 when the guest powers off or
// reboots, 1 when the VMM or the guest fails (the message names the exit and the vCPU's registers), 2 for a wrong command line.
if (args is ["initramfs", "--busybox", var busybox, "-o", var outputPath])
{
    // The test guest, for a manual run or the benchmark: busybox-static and the init of MicroVm.Guest.TestInitramfs.
    File.WriteAllBytes(outputPath, MicroVm.Guest.TestInitramfs.Build(File.ReadAllBytes(busybox)));
    return 0;
}

MachineOptions options;
try
{
    options = CommandLine.Parse(args);
}
catch (UsageException e)
{
    Console.Error.WriteLine($"MicroVm: {e.Message}\n{CommandLine.Usage}");
    return 2;
}

try
{
    var kernel = KernelImage.Parse(File.ReadAllBytes(options.Kernel), options.Kernel);
    var initrd = options.Initrd is null ? null : File.ReadAllBytes(options.Initrd);
    using var machine = VirtualMachine.Create(options, kernel, initrd, Console.OpenStandardOutput());
    var outcome = machine.Run(Console.OpenStandardInput());
    if (options.Statistics)
        Console.Error.Write(StatisticsReport.Format(machine.Statistics));
    if (outcome.Failure is { } failure)
        Console.Error.WriteLine($"MicroVm: {failure}");
    else
        Console.Error.WriteLine($"MicroVm: the guest stopped: {outcome.Stop}");
    return outcome.ExitCode;
}
catch (Exception e) when (e is KvmException or BootImageException or IOException or UnauthorizedAccessException or InvalidOperationException)
{
    Console.Error.WriteLine($"MicroVm: {e.Message}");
    return 1;
}
