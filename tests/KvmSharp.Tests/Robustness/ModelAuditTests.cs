using System.Collections.Immutable;
using KvmSharp.TestSupport.Mutation;
using KvmSharp.Generator.Model;
using Xunit;

namespace KvmSharp.Tests.Robustness;

/// <summary>The audit catches each kind of bad diagnostic, so a clean fuzz run means something.</summary>
public sealed class ModelAuditTests
{
    private const string File = "/h/linux/kvm.h";
    private static readonly Dictionary<string, string> Files = new() { [File] = "ab\ncde\n" };

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 4)] // just past "cde": the end of the line
    [InlineData(3, 1)] // end of file, after the last '\n'
    public void AcceptsLocationsInsideTheFile(int line, int column)
        => Assert.Empty(ModelAudit.Check(Model(Diagnostic(new SourceLocation(File, line, column))), Files));

    [Theory]
    [InlineData(File, 0, 1, "line < 1")]
    [InlineData(File, 1, 0, "column < 1")]
    [InlineData(File, 4, 1, "line past the end of the file")]
    [InlineData(File, 1, 4, "column past the end of the line")]
    [InlineData("/h/other.h", 1, 1, "location names a file that was not read")]
    public void RejectsLocationsOutsideTheFile(string file, int line, int column, string problem)
    {
        var failure = Assert.Single(ModelAudit.Check(Model(Diagnostic(new SourceLocation(file, line, column))), Files));
        Assert.Equal(FailureKind.BadDiagnostic, failure.Kind);
        Assert.Contains(problem, failure.Signature);
    }

    [Fact]
    public void RejectsAnErrorWithoutAMessage()
    {
        var diagnostic = Diagnostic(new SourceLocation(File, 1, 1)) with { Message = " " };
        Assert.Contains("empty message", Assert.Single(ModelAudit.Check(Model(diagnostic), Files)).Signature);
    }

    [Fact]
    public void RejectsAFileMissingFromTheModelsFileList()
    {
        var model = Model(Diagnostic(new SourceLocation(File, 1, 1))) with { Files = EquatableArray<string>.Empty };
        Assert.Contains("missing from HeaderModel.Files", Assert.Single(ModelAudit.Check(model, Files)).Signature);
    }

    private static HeaderDiagnostic Diagnostic(SourceLocation location)
        => new("KVMH0008", DiagnosticSeverity.Error, "expected ';'", location);

    private static HeaderModel Model(params HeaderDiagnostic[] diagnostics)
        => new("x86_64", true, false, EquatableArray<ConstantModel>.Empty, EquatableArray<NonConstantMacro>.Empty,
            EquatableArray<RecordModel>.Empty, EquatableArray<EnumModel>.Empty, EquatableArray<TypedefModel>.Empty,
            EquatableArray<IoctlModel>.Empty, diagnostics.ToImmutableArray(), ImmutableArray.Create(File));
}
