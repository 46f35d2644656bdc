using KvmSharp.TestSupport.Mutation;
using KvmSharp.Generator.Model;
using Xunit;
using Xunit.Abstractions;

namespace KvmSharp.Tests.Robustness;

/// <summary>The starting point of every mutation: the real headers read cleanly.</summary>
public sealed class UnmutatedHeaderTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("x86_64")]
    [InlineData("arm64")]
    public void TheRealHeaderGivesNoError(string arch)
    {
        var set = RealHeaderSets.For(arch);
        var outcome = new MutationRunner(set).RunEdits(0, []);

        Assert.False(outcome.Failed, FailureReport.Describe(set, outcome, fromSeed: false));
        var model = outcome.Model!;
        foreach (var diagnostic in model.Diagnostics)
            output.WriteLine(diagnostic.ToString());
        Assert.Equal("front-end", set.Source);
        Assert.DoesNotContain(model.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Contains(model.Records, r => r.Tag == "kvm_run");
        Assert.Contains(model.Ioctls, i => i.Name == "KVM_RUN");
        // linux/version.h is opened for KvmHeaderInfo, beside the header rather than through its #includes.
        Assert.Equal(set.Paths.Where(p => !p.EndsWith("/linux/version.h", StringComparison.Ordinal)).OrderBy(p => p, StringComparer.Ordinal),
            model.Files.OrderBy(p => p, StringComparer.Ordinal));
    }
}
