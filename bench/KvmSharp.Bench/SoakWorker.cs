using System.Globalization;
using KvmSharp.TestSupport.Mutation;

namespace KvmSharp.Bench;

/// <summary>
/// <c>soak-worker --seed S --count N [--arch A] [--timeout SECONDS] [--keep I,J,...]</c>: the child side of a supervised
/// soak. Reads copies one at a time, in seed order, and reports each on stdout, announcing a seed before
/// reading it so that when the process dies (a stack overflow cannot be caught) the supervisor knows
/// which copy killed it. Exits after a hang, since the hung thread would keep a core busy.
/// <c>--keep</c> applies only those edits (by index) of the one copy: how a crash is reduced.
/// </summary>
internal static class SoakWorker
{
    /// <summary>Exit code after a hang (the supervisor restarts after the hung seed).</summary>
    public const int ExitAfterHang = 3;

    public static int Run(IReadOnlyList<string> args)
    {
        var options = BenchArguments.Parse(args, ["--count", "--seed", "--arch", "--timeout", "--keep"], [], out var error);
        var count = options?.Int("--count", 1);
        var seed = options?.Int("--seed", 1);
        var timeout = options?.Int("--timeout", 20);
        var arch = options?.Arch();
        if (options is null || count is not > 0 || seed is null || timeout is not > 0 || arch is null)
        {
            Console.Error.WriteLine($"soak-worker: {error ?? "bad option value"}");
            return 2;
        }

        var set = HeaderSetLoader.Load(arch);
        var runner = new MutationRunner(set, TimeSpan.FromSeconds(timeout.Value));
        var keep = options.Value("--keep")?.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(i => int.Parse(i, CultureInfo.InvariantCulture)).ToArray();
        var output = Console.Out;
        for (var i = 0; i < count; i++)
        {
            var current = unchecked(seed.Value + i);
            output.WriteLine(SoakLine.Start(current));
            output.Flush();
            var outcome = keep is null
                ? runner.RunSeed(current)
                : runner.RunEdits(current, keep.Select(new HeaderMutator(set).Mutate(current).Edits.ElementAt).ToArray());
            foreach (var failure in outcome.Failures)
                output.WriteLine(SoakLine.Failure(current, failure));
            output.WriteLine(SoakLine.Done(outcome));
            if (outcome.Failures.Any(f => f.Kind == FailureKind.Hang))
            {
                output.Flush();
                return ExitAfterHang;
            }
        }

        output.Flush();
        return 0;
    }
}

/// <summary>The lines a soak worker writes and its supervisor reads.</summary>
internal static class SoakLine
{
    public static string Start(int seed) => $"> {seed}";

    public static string Done(CopyOutcome outcome)
        => FormattableString.Invariant($"= {outcome.Seed} {outcome.Diagnostics} {outcome.Errors} {outcome.Elapsed.TotalMilliseconds:0.0}");

    // Details lose their line breaks: one failure, one line.
    public static string Failure(int seed, CopyFailure failure)
        => $"! {seed}\t{failure.Kind}\t{OneLine(failure.Signature)}\t{OneLine(failure.Detail)}";

    public static bool TryParseStart(string line, out int seed)
    {
        seed = 0;
        return line.StartsWith("> ", StringComparison.Ordinal) && int.TryParse(line.AsSpan(2), NumberStyles.Integer, CultureInfo.InvariantCulture, out seed);
    }

    public static bool TryParseDone(string line, out int seed, out int diagnostics, out int errors, out TimeSpan elapsed)
    {
        (seed, diagnostics, errors, elapsed) = (0, 0, 0, TimeSpan.Zero);
        var parts = line.Split(' ');
        if (parts.Length != 5 || parts[0] != "=")
            return false;
        var ok = int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out seed)
            & int.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out diagnostics)
            & int.TryParse(parts[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out errors)
            & double.TryParse(parts[4], NumberStyles.Float, CultureInfo.InvariantCulture, out var ms);
        elapsed = TimeSpan.FromMilliseconds(ms);
        return ok;
    }

    public static bool TryParseFailure(string line, out int seed, out CopyFailure? failure)
    {
        (seed, failure) = (0, null);
        var parts = line.Split('\t', 4);
        if (parts.Length != 4 || !parts[0].StartsWith("! ", StringComparison.Ordinal)
            || !int.TryParse(parts[0].AsSpan(2), NumberStyles.Integer, CultureInfo.InvariantCulture, out seed)
            || !Enum.TryParse<FailureKind>(parts[1], out var kind))
            return false;
        failure = new CopyFailure(kind, parts[2], parts[3]);
        return true;
    }

    private static string OneLine(string text) => text.Replace("\r", "").Replace('\t', ' ').Replace("\n", " | ");
}
