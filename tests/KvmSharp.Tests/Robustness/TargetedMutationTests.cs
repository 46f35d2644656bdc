using KvmSharp.TestSupport.Mutation;
using KvmSharp.Generator.Emission;
using KvmSharp.Generator.Model;
using KvmSharp.Tests.Emission;
using KvmSharp.Tests.Wrappers;
using Xunit;
using Xunit.Abstractions;

namespace KvmSharp.Tests.Robustness;

/// <summary>
/// Damage every C compiler rejects gives an error in the damaged file: the fuzz test's "no failure"
/// cannot come from a front-end that silently accepts anything. What the front-end could still read
/// becomes C# that compiles, so the user sees the header's error and not a wall of errors in generated code.
/// </summary>
public sealed class TargetedMutationTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(TargetedMutations.Names), MemberType = typeof(TargetedMutations))]
    public void GivesAnErrorInTheDamagedFile(string name)
    {
        var set = RealHeaderSets.X86_64;
        var edits = TargetedMutations.Cases[name](set);
        var outcome = new MutationRunner(set).RunEdits(0, edits);

        var model = outcome.Model;
        Assert.False(outcome.Failed, FailureReport.Describe(set, outcome, fromSeed: false));
        Assert.NotNull(model);
        foreach (var diagnostic in model.Diagnostics)
            output.WriteLine(diagnostic.ToString());
        var damaged = edits.Select(e => e.File).ToHashSet();
        Assert.Contains(model.Diagnostics, d => d.Severity == DiagnosticSeverity.Error && damaged.Contains(d.Location.File));
    }

    [Theory]
    [MemberData(nameof(TargetedMutations.Names), MemberType = typeof(TargetedMutations))]
    public void WhatCouldBeReadBecomesCSharpThatCompiles(string name)
    {
        var set = RealHeaderSets.X86_64;
        var model = new MutationRunner(set).RunEdits(0, TargetedMutations.Cases[name](set)).Model;
        Assert.NotNull(model);

        var sources = BindingsEmitter.Emit(model, new EmitOptions(RuntimeReferenced: true));
        var compilation = GeneratedCompilation.Create(sources, ReferenceSet.Net100).AddReferences(WrapperCompilation.RuntimeReference);

        Assert.Contains(sources, s => s.HintName.Contains("Records", StringComparison.Ordinal));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
    }
}
