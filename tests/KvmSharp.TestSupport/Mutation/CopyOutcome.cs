using KvmSharp.Generator.Model;

namespace KvmSharp.TestSupport.Mutation;

/// <summary>How the front-end fared on one mutated copy.</summary>
/// <param name="Seed">Replays the copy: <c>new HeaderMutator(set).Mutate(Seed)</c>, or <c>soak --seed Seed --count 1</c>.</param>
/// <param name="Edits">The edits that made the copy, in original coordinates.</param>
/// <param name="Diagnostics">How many diagnostics the model holds.</param>
/// <param name="Errors">How many of them are errors.</param>
/// <param name="Model">What the front-end read, when it returned.</param>
internal sealed record CopyOutcome(
    int Seed,
    IReadOnlyList<HeaderEdit> Edits,
    int Diagnostics,
    int Errors,
    IReadOnlyList<CopyFailure> Failures,
    TimeSpan Elapsed,
    HeaderModel? Model)
{
    public bool Failed => Failures.Count > 0;
}
