using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using KvmSharp.Tests.Runtime;
using Xunit;

namespace KvmSharp.Tests.Samples;

/// <summary>
/// samples/HelloVm as README runs it: a separate process, built once for this class the way a user's
/// project is (generator as an analyzer, KvmSharp.targets), and judged by what it prints.
/// </summary>
public sealed partial class HelloVmTests(HelloVmTests.BuiltSample sample) : IClassFixture<HelloVmTests.BuiltSample>
{
    private const string Greeting = "Hello from a KVM guest!";

    [SkippableFact]
    public void TheGuestGreetsOnceInOneExitPerCharacterPlusItsHalt()
    {
        KvmTestHost.RequireKvm();

        var run = sample.Run();

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Equal(1, Regex.Count(run.StandardOutput, Regex.Escape(Greeting)));
        var exits = ExitCountLine().Match(run.StandardOutput);
        Assert.True(exits.Success, run.Describe());
        // One port write per character, the newline included, then the HLT.
        Assert.Equal((Greeting + "\n").Length + 1, int.Parse(exits.Groups[1].Value));
    }

    [SkippableFact]
    public void TheExitLoopReportsItsCountTimeAndNoAllocationAsItsLastLine()
    {
        KvmTestHost.RequireKvm();

        var run = sample.Run("--exits", "1000");

        Assert.True(run.ExitCode == 0, run.Describe());
        var lastLine = run.StandardOutput.TrimEnd('\n').Split('\n')[^1];
        // Less than one byte per exit: nothing is allocated per exit (a one-off allocation by the runtime in a
        // cold process may still show as a fraction).
        Assert.Matches(@"^exits: 1000, ns/exit: [0-9]+(\.[0-9]+)?, allocated bytes/exit: 0(\.[0-9]+)?$", lastLine);
    }

    [Fact]
    public void ABadCountIsOneLineAndAUsageNotAStackTrace()
    {
        var run = sample.Run("--exits", "0");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("HelloVm: --exits takes a count", run.StandardError);
        Assert.DoesNotContain("   at ", run.StandardError);
    }

    [GeneratedRegex(@"^VM exits: ([0-9]+)", RegexOptions.Multiline)]
    private static partial Regex ExitCountLine();

    /// <summary>
    /// The sample, built on first use from the sources beside these tests, so never a stale copy. Into a
    /// folder of the test output: its own build tree (no clash with a build of the checkout going on
    /// elsewhere), kept between runs so that a rerun only checks it is up to date.
    /// </summary>
    public sealed class BuiltSample
    {
        private readonly string _artifacts = Path.Combine(AppContext.BaseDirectory, "samples-build");
        private readonly Lazy<string> _dll;

        public BuiltSample() => _dll = new Lazy<string>(Build);

        /// <summary>Runs the sample with <paramref name="arguments"/> to its end.</summary>
        public SampleRun Run(params string[] arguments) => Execute("dotnet", [_dll.Value, .. arguments]);

        private string Build()
        {
            var build = Execute("dotnet", ["build", SampleProject(), "--artifacts-path", _artifacts, "-nologo", "-v:q"]);
            if (build.ExitCode != 0)
                throw new InvalidOperationException($"building samples/HelloVm failed:\n{build.Describe()}");
            return Path.Combine(_artifacts, "bin", "HelloVm", "debug", "HelloVm.dll");
        }

        private static string SampleProject([CallerFilePath] string here = "") =>
            Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", "samples", "HelloVm", "HelloVm.csproj"));

        private static SampleRun Execute(string program, string[] arguments)
        {
            var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in arguments)
                info.ArgumentList.Add(argument);
            info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(HungWorkLimit.Process))
            {
                process.Kill(entireProcessTree: true);
                throw HungWorkLimit.TimedOut($"{program} {string.Join(' ', arguments)}", HungWorkLimit.Process);
            }
            return new SampleRun(process.ExitCode, stdout.Result, stderr.Result);
        }
    }

    /// <summary>What one run printed, and how it ended.</summary>
    public sealed record SampleRun(int ExitCode, string StandardOutput, string StandardError)
    {
        public string Describe() => $"exit code {ExitCode}\n--- stdout\n{StandardOutput}--- stderr\n{StandardError}";
    }
}
