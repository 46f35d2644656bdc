namespace KvmSharp.TestSupport.Mutation;

/// <summary>A distinct defect: every copy whose failure has one signature, and the first seed that shows it.</summary>
internal sealed record Defect(FailureKind Kind, string Signature, int Copies, int FirstSeed, string Example);

/// <summary>Running totals of a mutation run; safe to add to from several threads.</summary>
internal sealed class MutationRunSummary
{
    private const int KeptFailures = 200;
    private readonly object gate = new();
    private readonly List<CopyOutcome> failed = [];
    private readonly Dictionary<string, Defect> defects = new(StringComparer.Ordinal);

    public int Copies { get; private set; }
    public int FailedCopies { get; private set; }
    public int Exceptions { get; private set; }
    public int Hangs { get; private set; }
    public int Crashes { get; private set; }
    public int BadDiagnostics { get; private set; }
    public long TotalDiagnostics { get; private set; }
    public long TotalErrors { get; private set; }

    /// <summary>Copies that gave at least one error diagnostic: the fuzzing is not accepting everything.</summary>
    public int CopiesWithErrors { get; private set; }

    public TimeSpan Elapsed { get; private set; }

    public double DiagnosticsPerCopy => Copies == 0 ? 0 : (double)TotalDiagnostics / Copies;

    public double CopiesPerSecond => Elapsed.TotalSeconds <= 0 ? 0 : Copies / Elapsed.TotalSeconds;

    /// <summary>The failed copies (the first few hundred by seed), for replay.</summary>
    public IReadOnlyList<CopyOutcome> Failed
    {
        get
        {
            lock (gate)
                return failed.OrderBy(o => o.Seed).ToArray();
        }
    }

    /// <summary>Distinct defects, most frequent first.</summary>
    public IReadOnlyList<Defect> Defects
    {
        get
        {
            lock (gate)
                return defects.Values.OrderByDescending(d => d.Copies).ThenBy(d => d.Signature, StringComparer.Ordinal).ToArray();
        }
    }

    /// <summary>Adds one copy and returns how many have been added.</summary>
    public int Add(CopyOutcome outcome, TimeSpan elapsed)
    {
        lock (gate)
        {
            Copies++;
            Elapsed = elapsed;
            TotalDiagnostics += outcome.Diagnostics;
            TotalErrors += outcome.Errors;
            if (outcome.Errors > 0)
                CopiesWithErrors++;
            if (!outcome.Failed)
                return Copies;

            FailedCopies++;
            if (outcome.Failures.Any(f => f.Kind == FailureKind.Exception))
                Exceptions++;
            if (outcome.Failures.Any(f => f.Kind == FailureKind.Hang))
                Hangs++;
            if (outcome.Failures.Any(f => f.Kind == FailureKind.Crash))
                Crashes++;
            if (outcome.Failures.Any(f => f.Kind is FailureKind.BadDiagnostic or FailureKind.BadModel))
                BadDiagnostics++;
            if (failed.Count < KeptFailures)
                failed.Add(outcome with { Model = null }); // a model is large; the seed replays it
            foreach (var failure in outcome.Failures.DistinctBy(f => f.Signature))
            {
                defects[failure.Signature] = defects.TryGetValue(failure.Signature, out var known)
                    ? known with
                    {
                        Copies = known.Copies + 1,
                        FirstSeed = Math.Min(known.FirstSeed, outcome.Seed),
                        Example = outcome.Seed < known.FirstSeed ? failure.Detail : known.Example,
                    }
                    : new Defect(failure.Kind, failure.Signature, 1, outcome.Seed, failure.Detail);
            }

            return Copies;
        }
    }

    public void Finish(TimeSpan elapsed)
    {
        lock (gate)
            Elapsed = elapsed;
    }

    public override string ToString()
        => $"{Copies} copies, {FailedCopies} failed ({Exceptions} exceptions, {Hangs} hangs, {Crashes} crashes, {BadDiagnostics} with bad diagnostics), "
           + $"{DiagnosticsPerCopy:0.0} diagnostics/copy, {CopiesWithErrors} copies with errors, "
           + $"{Elapsed.TotalSeconds:0.0} s, {CopiesPerSecond:0} copies/s";
}
