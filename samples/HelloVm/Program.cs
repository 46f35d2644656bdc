using HelloVm;
using KvmSharp;

// Expected failures (no KVM here, a refused ioctl, a guest that stops in an unexpected way) end with one
// line on stderr and exit code 1; a stack trace would only ever mean a bug in this program.
if (!CommandLine.TryParse(args, out var command, out var usageError))
{
    Console.Error.WriteLine($"HelloVm: {usageError}");
    Console.Error.WriteLine(CommandLine.Usage);
    return 2;
}
if (command.ShowHelp)
{
    Console.WriteLine(CommandLine.Usage);
    return 0;
}

try
{
    if (command.ExitCount is { } exitCount)
        ExitLoopRun.Run(exitCount);
    else
        GreetingRun.Run();
    return 0;
}
catch (Exception e) when (e is KvmUnavailableException or KvmException or UnexpectedGuestExitException)
{
    Console.Error.WriteLine($"HelloVm: {e.Message}");
    return 1;
}
