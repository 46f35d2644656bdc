using KvmSharp.TestSupport.Mutation;
using KvmSharp.Generator.FrontEnd;
using KvmSharp.Generator.Model;
using KvmSharp.Generator;

namespace KvmSharp.Bench;

/// <summary>
/// <c>soak --count N [--seed S] [--arch A] [--parallel P] [--timeout SECONDS] [--in-process] [--no-minimize]</c>:
/// reads N mutated copies of the real header set and fails (exit 1) on any exception, hang, crash or
/// malformed diagnostic, printing each distinct defect reduced to its fewest edits. Copies are read in
/// child processes unless <c>--in-process</c>, so that a stack overflow is one failed seed, not the end of the soak.
/// </summary>
internal static class SoakCommand
{
    private const int MaxDefectsShown = 12;

    public static int Run(IReadOnlyList<string> args)
    {
        var options = BenchArguments.Parse(args, ["--count", "--seed", "--arch", "--parallel", "--timeout"], ["--no-minimize", "--in-process"], out var error);
        var count = options?.Int("--count", 20_000);
        var seed = options?.Int("--seed", 1);
        var parallel = options?.Int("--parallel", Environment.ProcessorCount);
        var timeout = options?.Int("--timeout", 20);
        var arch = options?.Arch();
        if (options is null || count is not > 0 || seed is null || parallel is not > 0 || timeout is not > 0 || arch is null)
        {
            Console.Error.WriteLine($"soak: {error ?? "bad option value"}");
            Console.Error.WriteLine("usage: soak --count N [--seed S] [--arch x86_64|arm64|...] [--parallel P] [--timeout SECONDS] [--in-process] [--no-minimize]");
            return 2;
        }

        var set = HeaderSetLoader.Load(arch);
        Console.WriteLine($"{arch}: {set.Paths.Count} files ({set.Source}), main {set.Main.Path}, {set.Main.Lines.Count} lines");
        PrintBaseline(set, timeout.Value);

        var inProcess = options.Has("--in-process");
        Console.WriteLine($"soak: seeds {seed} .. {unchecked(seed.Value + count.Value - 1)}, {parallel} {(inProcess ? "threads" : "worker processes")}");
        void Progress(int done, MutationRunSummary so) => Console.WriteLine($"  {done,9:N0} copies, {so.FailedCopies} failed, {so.Elapsed.TotalSeconds:0} s");
        var runner = new MutationRunner(set, TimeSpan.FromSeconds(timeout.Value));
        var supervisor = new SoakSupervisor(set, timeout.Value);
        var summary = inProcess
            ? runner.Run(seed.Value, count.Value, parallel.Value, Progress)
            : supervisor.Run(seed.Value, count.Value, parallel.Value, Progress, 10_000);

        PrintSummary(summary);
        if (summary.FailedCopies == 0)
            return 0;

        Console.WriteLine();
        Console.WriteLine($"{summary.Defects.Count} distinct defects:");
        foreach (var defect in summary.Defects.Take(MaxDefectsShown))
        {
            Console.WriteLine($"- [{defect.Kind}] {defect.Signature}: {defect.Copies} copies, first seed {defect.FirstSeed}");
            var report = defect.Kind == FailureKind.Crash
                ? DescribeCrash(set, supervisor, defect, minimize: !options.Has("--no-minimize"))
                : Describe(set, runner, defect, minimize: !options.Has("--no-minimize"));
            Console.WriteLine("    " + report.TrimEnd().Replace("\n", "\n    "));
        }

        return 1;
    }

    private static void PrintBaseline(HeaderSet set, int timeout)
    {
        var baseline = GuardedRead.Run(set.Request, new InMemoryHeaderFiles(set.Texts()), TimeSpan.FromSeconds(timeout));
        Console.WriteLine(baseline.Model is { } model
            ? $"unmutated: {model.Diagnostics.Count} diagnostics ({model.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error)} errors), "
              + $"{model.Records.Count} records, {model.Constants.Count} constants, {model.Ioctls.Count} ioctls, {baseline.Elapsed.TotalMilliseconds:0} ms"
            : $"unmutated: {(baseline.TimedOut ? "hang" : baseline.Exception?.GetType().Name)}");
    }

    private static void PrintSummary(MutationRunSummary summary)
    {
        var copies = Math.Max(1, summary.Copies);
        Console.WriteLine();
        Console.WriteLine($"copies:           {summary.Copies:N0}");
        Console.WriteLine($"failed copies:    {summary.FailedCopies:N0}");
        Console.WriteLine($"  exceptions:     {summary.Exceptions:N0}");
        Console.WriteLine($"  hangs:          {summary.Hangs:N0}");
        Console.WriteLine($"  crashes:        {summary.Crashes:N0}");
        Console.WriteLine($"  bad diagnostics:{summary.BadDiagnostics,4:N0}");
        Console.WriteLine($"diagnostics/copy: {summary.DiagnosticsPerCopy:0.00} ({summary.TotalErrors / (double)copies:0.00} errors)");
        Console.WriteLine($"copies w/ errors: {summary.CopiesWithErrors:N0} ({100.0 * summary.CopiesWithErrors / copies:0.0} %)");
        Console.WriteLine($"time:             {summary.Elapsed.TotalSeconds:0.0} s, {summary.CopiesPerSecond:0.0} copies/s");
    }

    private static string Describe(HeaderSet set, MutationRunner runner, Defect defect, bool minimize)
    {
        var failed = runner.RunSeed(defect.FirstSeed);
        var shown = minimize ? FailureMinimizer.Minimize(runner, failed) : failed;
        var kept = shown.Edits.Select(e => failed.Edits.ToList().IndexOf(e));
        return FailureReport.Describe(set, shown) + $"  (replay the kept edits alone: soak-worker --arch {set.Request.Arch.Name} --seed {defect.FirstSeed} --keep {string.Join(",", kept)})";
    }

    // A crash cannot be replayed here: each try runs in a child, and the report shows the child's stderr.
    private static string DescribeCrash(HeaderSet set, SoakSupervisor supervisor, Defect defect, bool minimize)
    {
        var edits = new HeaderMutator(set).Mutate(defect.FirstSeed).Edits;
        var kept = Enumerable.Range(0, edits.Count).ToArray();
        if (minimize)
            kept = FailureMinimizer.Minimize(kept, fewer => supervisor.StillCrashes(defect.FirstSeed, fewer, defect.Signature)).ToArray();
        var outcome = new CopyOutcome(defect.FirstSeed, kept.Select(i => edits[i]).ToArray(), 0, 0,
            [new CopyFailure(FailureKind.Crash, defect.Signature, defect.Example)], TimeSpan.Zero, null);
        return FailureReport.Describe(set, outcome) + $"  (replay the kept edits alone: soak-worker --arch {set.Request.Arch.Name} --seed {defect.FirstSeed} --keep {string.Join(",", kept)})";
    }
}
