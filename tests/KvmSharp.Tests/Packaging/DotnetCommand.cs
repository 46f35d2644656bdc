using System.Diagnostics;

namespace KvmSharp.Tests.Packaging;

/// <summary>Runs <c>dotnet</c> (or a program) as a user at a shell would, and keeps what it printed.</summary>
internal static class DotnetCommand
{

    /// <summary>
    /// Runs <paramref name="program"/> in <paramref name="directory"/> to its end. <paramref name="packages"/>, when
    /// given, is the NuGet global packages folder (NUGET_PACKAGES) for the run.
    /// </summary>
    public static CommandRun Run(string directory, string? packages, string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        // No MSBuild worker left running after the test (and holding files of the temp folders).
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        if (packages is not null)
            info.Environment["NUGET_PACKAGES"] = packages;
        var started = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(HungWorkLimit.Process))
        {
            process.Kill(entireProcessTree: true);
            throw HungWorkLimit.TimedOut($"{program} {string.Join(' ', arguments)}", HungWorkLimit.Process);
        }
        return new CommandRun($"{program} {string.Join(' ', arguments)}", process.ExitCode, stdout.Result, stderr.Result, started.Elapsed);
    }
}

/// <summary>What one command printed, and how it ended.</summary>
internal sealed record CommandRun(string Command, int ExitCode, string StandardOutput, string StandardError, TimeSpan Elapsed)
{
    public string Output => StandardOutput + StandardError;

    public string Describe() => $"{Command}\nexit code {ExitCode} after {Elapsed.TotalSeconds:F1} s\n--- stdout\n{StandardOutput}--- stderr\n{StandardError}";

    /// <summary>Fails the test with the whole output unless the command exited with 0.</summary>
    public CommandRun Succeeded()
    {
        Xunit.Assert.True(ExitCode == 0, Describe());
        return this;
    }
}
