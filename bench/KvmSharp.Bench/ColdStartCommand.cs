using System.Diagnostics;
using System.Globalization;
using KvmSharp.TestSupport.Mutation;
using KvmSharp.Generator.FrontEnd;
using KvmSharp.Generator;

namespace KvmSharp.Bench;

/// <summary>
/// <c>coldstart [--arch A] [--runs N]</c>: how long the first <see cref="HeaderFrontEnd.Read"/> of a
/// fresh process takes (JIT and first use of every type included), which is what a <c>kvmgen</c> run or a
/// first build pays and what BenchmarkDotNet, measuring warm code, cannot show. With N &gt; 1 each run is
/// a new process and the median is printed.
/// </summary>
internal static class ColdStartCommand
{
    private const string ResultPrefix = "coldstart-ms=";

    public static int Run(IReadOnlyList<string> args)
    {
        var options = BenchArguments.Parse(args, ["--arch", "--runs"], [], out var error);
        var runs = options?.Int("--runs", 5);
        var arch = options?.Arch();
        if (options is null || runs is not > 0 || arch is null)
        {
            Console.Error.WriteLine($"coldstart: {error ?? "bad option value"}");
            Console.Error.WriteLine("usage: coldstart [--arch x86_64|arm64|...] [--runs N]");
            return 2;
        }

        return runs == 1 ? MeasureThisProcess(arch.Name) : MeasureFreshProcesses(arch.Name, runs.Value);
    }

    private static int MeasureThisProcess(string archName)
    {
        var arch = Generator.FrontEnd.Targets.TargetArch.Find(archName)!;
        var sinceStart = DateTime.Now - Process.GetCurrentProcess().StartTime;
        var request = new HeaderRequest(arch, arch.DefaultIncludeDirectories);
        var recording = new RecordingHeaderFiles(DiskHeaderFiles.Instance);

        var clock = Stopwatch.StartNew();
        var first = HeaderFrontEnd.Read(request, recording);
        var firstMs = clock.Elapsed.TotalMilliseconds;

        // The same input again, now from memory: what is left once the code is jitted (still tier 0).
        var memory = new InMemoryHeaderFiles(recording.Opened.ToDictionary(f => f.Path, f => f.Text, StringComparer.Ordinal));
        clock.Restart();
        HeaderFrontEnd.Read(request, memory);
        var secondMs = clock.Elapsed.TotalMilliseconds;

        Console.WriteLine($"{arch}: first Read (disk, {recording.Opened.Count} files) {firstMs:0.0} ms, second Read (memory) {secondMs:0.0} ms, "
            + $"runtime start before Main {sinceStart.TotalMilliseconds:0} ms; {first.Records.Count} records, {first.Diagnostics.Count} diagnostics");
        Console.WriteLine(ResultPrefix + firstMs.ToString("0.0", CultureInfo.InvariantCulture));
        return 0;
    }

    private static int MeasureFreshProcesses(string archName, int runs)
    {
        var measured = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            using var child = SelfProcess.Start(["coldstart", "--runs", "1", "--arch", archName], limitHeap: false);
            var output = child.StandardOutput.ReadToEnd();
            child.WaitForExit();
            var line = output.Split('\n').FirstOrDefault(l => l.StartsWith(ResultPrefix, StringComparison.Ordinal));
            if (child.ExitCode != 0 || line is null)
            {
                Console.Error.WriteLine($"coldstart: run {run + 1} failed (exit {child.ExitCode}):\n{output}{child.StandardError.ReadToEnd()}");
                return 1;
            }

            Console.Write(output.Replace(line, "").Trim() + "\n");
            measured.Add(double.Parse(line[ResultPrefix.Length..], CultureInfo.InvariantCulture));
        }

        measured.Sort();
        Console.WriteLine($"{archName}: first Read in a fresh process, median of {runs}: {measured[runs / 2]:0.0} ms "
            + $"(min {measured[0]:0.0}, max {measured[^1]:0.0})");
        return 0;
    }
}
