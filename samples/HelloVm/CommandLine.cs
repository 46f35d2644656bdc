using System.Globalization;

namespace HelloVm;

/// <summary>What the command line asks for: the greeting (no arguments), or the exit loop with <c>--exits N</c>.</summary>
internal readonly record struct CommandLine(uint? ExitCount, bool ShowHelp)
{
    public const string Usage =
        """
        usage: HelloVm              run a real-mode guest that writes a greeting to the serial port 0x3f8
               HelloVm --exits N    run a guest that makes N port-I/O exits; print the cost of one exit
        """;

    public static bool TryParse(string[] args, out CommandLine command, out string error)
    {
        command = default;
        error = "";
        switch (args)
        {
            case []:
                return true;
            case ["--help" or "-h"]:
                command = new CommandLine(null, ShowHelp: true);
                return true;
            // The guest counts down in ECX and tests for zero after the decrement, so 0 would mean 2^32.
            case ["--exits", var text] when uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0:
                command = new CommandLine(count, ShowHelp: false);
                return true;
            case ["--exits", var text]:
                error = $"--exits takes a count from 1 to {uint.MaxValue}, not '{text}'";
                return false;
            default:
                error = $"unexpected arguments: {string.Join(' ', args)}";
                return false;
        }
    }
}
