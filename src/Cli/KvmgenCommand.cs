namespace KvmSharp.Cli;

/// <summary>
/// The whole of <c>kvmgen</c> behind <c>Main</c>, writing to the writers it is given so the tests can run it
/// in-process.
/// </summary>
internal static class KvmgenCommand
{
    /// <summary>Runs kvmgen with <paramref name="args"/>; returns the exit status (see <see cref="ExitStatus"/>).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        switch (CommandLine.Parse(args))
        {
            case HelpRequest:
                stdout.WriteLine(CommandLine.Help);
                return ExitStatus.Success;
            case DumpRequest dump:
                return DumpCommand.Run(dump.Options, stdout, stderr);
            case GenerateRequest generate:
                return GenerateCommand.Run(generate, stdout, stderr);
            case UsageError error:
                stderr.WriteLine($"kvmgen: {error.Message}");
                stderr.WriteLine(CommandLine.Usage);
                stderr.WriteLine("Run 'kvmgen --help' for the options.");
                return ExitStatus.Usage;
            default:
                throw new InvalidOperationException("A parse outcome without a command.");
        }
    }
}
