using System.CommandLine;
using System.CommandLine.Invocation;

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
        var result = CommandLine.Parse(args);
        if (result.Action is ParseErrorAction)
        {
            // System.CommandLine would exit 1 and print the help on standard output; kvmgen keeps 1 for header
            // errors, so a wrong command line is 2, all of it on standard error, standard output left empty.
            foreach (var error in result.Errors)
                stderr.WriteLine($"kvmgen: {error.Message}");
            // The usage of the command the error is in (every command is one level below kvmgen), else kvmgen's.
            var command = result.CommandResult.Command;
            string[] help = command == CommandLine.Root ? ["--help"] : [command.Name, "--help"];
            CommandLine.Parse(help).Invoke(new InvocationConfiguration { Output = stderr, Error = stderr });
            return ExitStatus.Usage;
        }
        return result.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
    }
}
