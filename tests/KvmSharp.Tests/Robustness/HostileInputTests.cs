using KvmSharp.TestSupport.Mutation;
using Xunit;
using Xunit.Abstractions;

namespace KvmSharp.Tests.Robustness;

/// <summary>
/// Hand-written attacks (arithmetic traps, broken macros, absurd layouts, truncated files) read without
/// exception and with well-formed diagnostics. The ones that could take the test host down with them
/// (deep nesting, runaway expansion) run in child processes: <c>KvmSharp.Bench hostile</c>.
/// </summary>
public sealed class HostileInputTests(ITestOutputHelper output)
{
    public static IEnumerable<object[]> InProcessCases
        => HostileInputs.All.Where(h => !h.OwnProcess).Select(h => new object[] { h.Name });

    [Theory]
    [MemberData(nameof(InProcessCases))]
    public void IsReadWithoutFailure(string name)
    {
        var set = RealHeaderSets.X86_64;
        var outcome = new MutationRunner(set).RunEdits(0, HostileInputs.Find(name)!.Edits(set));

        Assert.False(outcome.Failed, FailureReport.Describe(set, outcome, fromSeed: false));
        output.WriteLine($"{outcome.Diagnostics} diagnostics, {outcome.Errors} errors, {outcome.Elapsed.TotalMilliseconds:0} ms");
        foreach (var diagnostic in outcome.Model!.Diagnostics.Take(20))
            output.WriteLine(diagnostic.ToString());
    }
}
