using System.Collections.Concurrent;
using System.Diagnostics;
using KvmSharp.TestSupport.Mutation;

namespace KvmSharp.Bench;

/// <summary>
/// Runs a soak in <see cref="SoakWorker"/> child processes so that a copy that kills the process (a stack
/// overflow cannot be caught in .NET) is recorded as a crash of that seed and the soak goes on after it.
/// </summary>
internal sealed class SoakSupervisor(HeaderSet set, int timeoutSeconds)
{
    // Large enough that a child's start-up (runtime, JIT, loading the headers) is amortized.
    private const int ChunkSize = 2500;

    private readonly HeaderMutator mutator = new(set);
    private readonly ConcurrentDictionary<string, string> crashOutput = new(StringComparer.Ordinal);

    /// <summary>The stderr of the first child that died of each crash signature.</summary>
    public IReadOnlyDictionary<string, string> CrashOutput => crashOutput;

    public MutationRunSummary Run(int firstSeed, int count, int workers, Action<int, MutationRunSummary> progress, int progressEvery)
    {
        var summary = new MutationRunSummary();
        var clock = Stopwatch.StartNew();
        var chunks = new ConcurrentQueue<(int From, int To)>();
        for (var from = 0; from < count; from += ChunkSize)
            chunks.Enqueue((from, Math.Min(count, from + ChunkSize)));

        var tasks = Enumerable.Range(0, Math.Max(1, workers)).Select(_ => Task.Run(() =>
        {
            while (chunks.TryDequeue(out var chunk))
                RunChunk(firstSeed, chunk.From, chunk.To, summary, clock, progress, progressEvery);
        })).ToArray();
        Task.WaitAll(tasks);
        summary.Finish(clock.Elapsed);
        return summary;
    }

    /// <summary>Whether the copy made of these edits of <paramref name="seed"/> still kills a worker with <paramref name="signature"/>.</summary>
    public bool StillCrashes(int seed, IReadOnlyList<int> editIndexes, string signature)
    {
        using var child = SelfProcess.Start(WorkerArguments(seed, 1).Append("--keep").Append(string.Join(",", editIndexes)));
        var stderr = child.StandardError.ReadToEndAsync();
        child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        return child.ExitCode is not (0 or SoakWorker.ExitAfterHang) && SelfProcess.CrashSignature(child.ExitCode, stderr.Result) == signature;
    }

    // Seeds are indexes from firstSeed; a child is restarted just after the seed that killed its predecessor.
    private void RunChunk(int firstSeed, int from, int to, MutationRunSummary summary, Stopwatch clock,
        Action<int, MutationRunSummary> progress, int progressEvery)
    {
        var next = from;
        while (next < to)
        {
            var before = next;
            using var child = SelfProcess.Start(WorkerArguments(unchecked(firstSeed + next), to - next));
            var stderr = child.StandardError.ReadToEndAsync();
            int? inFlight = null;
            var failures = new List<CopyFailure>();
            while (child.StandardOutput.ReadLine() is { } line)
            {
                if (SoakLine.TryParseStart(line, out var started))
                {
                    inFlight = started;
                    failures.Clear();
                }
                else if (SoakLine.TryParseFailure(line, out _, out var failure))
                {
                    failures.Add(failure!);
                }
                else if (SoakLine.TryParseDone(line, out var seed, out var diagnostics, out var errors, out var elapsed))
                {
                    Add(summary, new CopyOutcome(seed, failures.Count > 0 ? mutator.Mutate(seed).Edits : [], diagnostics, errors, failures.ToArray(), elapsed, null),
                        clock, progress, progressEvery);
                    inFlight = null;
                    next = unchecked(seed - firstSeed) + 1;
                }
            }

            child.WaitForExit();
            if (inFlight is { } killer)
            {
                var signature = SelfProcess.CrashSignature(child.ExitCode, stderr.Result);
                crashOutput.TryAdd(signature, stderr.Result);
                Add(summary, new CopyOutcome(killer, mutator.Mutate(killer).Edits, 0, 0,
                    [new CopyFailure(FailureKind.Crash, signature, FirstLines(SelfProcess.CrashReport(stderr.Result), 12))], TimeSpan.Zero, null), clock, progress, progressEvery);
                next = unchecked(killer - firstSeed) + 1;
            }
            else if (child.ExitCode is not (0 or SoakWorker.ExitAfterHang) || next == before)
            {
                // Died outside any read (loading the headers failed): every restart would fail the same way.
                throw new InvalidOperationException($"soak worker exited {child.ExitCode} outside a read:\n{stderr.Result}");
            }
        }
    }

    private IEnumerable<string> WorkerArguments(int seed, int count)
        => ["soak-worker", "--arch", set.Request.Arch.Name, "--seed", seed.ToString(), "--count", count.ToString(), "--timeout", timeoutSeconds.ToString()];

    private static void Add(MutationRunSummary summary, CopyOutcome outcome, Stopwatch clock, Action<int, MutationRunSummary> progress, int progressEvery)
    {
        var done = summary.Add(outcome, clock.Elapsed);
        if (done % progressEvery == 0)
            progress(done, summary);
    }

    private static string FirstLines(string text, int count) => string.Join("\n", text.Split('\n').Take(count));
}
