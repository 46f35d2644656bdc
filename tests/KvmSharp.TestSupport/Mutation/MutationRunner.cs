using System.Diagnostics;
using KvmSharp.Generator.FrontEnd;
using KvmSharp.Generator;

namespace KvmSharp.TestSupport.Mutation;

/// <summary>
/// Reads mutated copies of a header set with the front-end and audits every result: no exception, no
/// hang, well-formed diagnostics. Shared by the robustness tests and the <c>soak</c> command.
/// </summary>
internal sealed class MutationRunner
{
    private readonly HeaderMutator mutator;

    public MutationRunner(HeaderSet set, TimeSpan? timeout = null)
    {
        Set = set;
        mutator = new HeaderMutator(set);
        Timeout = timeout ?? TimeSpan.FromSeconds(20);
    }

    public HeaderSet Set { get; }

    /// <summary>How long one read may take before it counts as a hang.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Mutates with <paramref name="seed"/> and reads the copy.</summary>
    public CopyOutcome RunSeed(int seed) => RunCopy(mutator.Mutate(seed));

    /// <summary>Reads the set with exactly <paramref name="edits"/> applied (replay, reduction, targeted tests).</summary>
    public CopyOutcome RunEdits(int seed, IReadOnlyList<HeaderEdit> edits)
    {
        var kept = HeaderSet.Normalize(edits);
        return RunCopy(new MutatedCopy(seed, kept, Set.Apply(kept)));
    }

    public CopyOutcome RunCopy(MutatedCopy copy)
    {
        var result = GuardedRead.Run(Set.Request, new InMemoryHeaderFiles(copy.Files), Timeout);
        var failures = new List<CopyFailure>();
        if (result.TimedOut)
            failures.Add(new CopyFailure(FailureKind.Hang, "hang", $"Read did not return within {Timeout.TotalSeconds:0} s"));
        else if (result.Exception is { } exception)
            failures.Add(new CopyFailure(FailureKind.Exception, ExceptionSignature(exception), exception.ToString()));
        else
            failures.AddRange(ModelAudit.Check(result.Model, copy.Files));

        var diagnostics = result.Model?.Diagnostics.Items ?? [];
        var errors = diagnostics.Count(d => d?.Severity == Generator.Model.DiagnosticSeverity.Error);
        return new CopyOutcome(copy.Seed, copy.Edits, diagnostics.Length, errors, failures, result.Elapsed, result.Model);
    }

    /// <summary>
    /// Reads copies <paramref name="firstSeed"/> .. <paramref name="firstSeed"/> + <paramref name="count"/> - 1
    /// on <paramref name="parallelism"/> threads, calling <paramref name="progress"/> with the number done
    /// every <paramref name="progressEvery"/> copies. Stops early after <paramref name="hangLimit"/> hangs,
    /// since each hung read keeps a core busy until the process ends.
    /// </summary>
    public MutationRunSummary Run(int firstSeed, int count, int parallelism,
        Action<int, MutationRunSummary>? progress = null, int progressEvery = 10_000, int hangLimit = 4)
    {
        var summary = new MutationRunSummary();
        var clock = Stopwatch.StartNew();
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) };
        Parallel.For(0, count, options, (i, loop) =>
        {
            var outcome = RunSeed(unchecked(firstSeed + i));
            var done = summary.Add(outcome, clock.Elapsed);
            if (progress is not null && done % progressEvery == 0)
                progress(done, summary);
            if (summary.Hangs >= hangLimit)
                loop.Stop();
        });
        summary.Finish(clock.Elapsed);
        return summary;
    }

    // Type and the front-end method it escaped from (not the BCL's throw helper): the same defect met by
    // many copies gets one signature.
    private static string ExceptionSignature(Exception exception)
    {
        var methods = new StackTrace(exception).GetFrames().Select(f => f.GetMethod()).Where(m => m is not null).ToArray();
        var method = methods.FirstOrDefault(m => m!.DeclaringType?.Namespace?.StartsWith("KvmSharp.Generator", StringComparison.Ordinal) == true)
            ?? methods.FirstOrDefault();
        var where = method is null ? "?" : $"{method.DeclaringType?.Name}.{method.Name}";
        return $"{exception.GetType().Name} in {where}";
    }
}
