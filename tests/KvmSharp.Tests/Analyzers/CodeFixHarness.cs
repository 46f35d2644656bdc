using System.Collections.Immutable;
using KvmSharp.Analyzers.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace KvmSharp.Tests.Analyzers;

/// <summary>Applies a code fix the way the IDE does: in a workspace, through the action's operations (simplification and formatting included).</summary>
internal static class CodeFixHarness
{
    public static async Task<string> Apply(string source, string id, int occurrence = 0)
    {
        using var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, "Consumer", "Consumer", LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
            metadataReferences: AnalyzerHarness.References));
        foreach (var tree in AnalyzerHarness.Generated(patched: true))
            solution = solution.AddDocument(DocumentId.CreateNewId(projectId), tree.FilePath, tree.GetText());
        var documentId = DocumentId.CreateNewId(projectId);
        solution = solution.AddDocument(documentId, "Test.cs", SourceText.From(source));
        var document = solution.GetDocument(documentId)!;
        var compilation = (await document.Project.GetCompilationAsync())!;
        var tree0 = (await document.GetSyntaxTreeAsync())!;
        var diagnostics = (await compilation.WithAnalyzers(AnalyzerHarness.Analyzers).GetAnalyzerDiagnosticsAsync())
            .Where(d => d.Id == id && d.Location.SourceTree == tree0)
            .OrderBy(d => d.Location.SourceSpan.Start)
            .ToList();
        Assert.True(diagnostics.Count > occurrence, $"no {id} number {occurrence} to fix");
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostics[occurrence], (action, _) => actions.Add(action), CancellationToken.None);
        await new CapabilityCodeFixProvider().RegisterCodeFixesAsync(context);
        var fix = Assert.Single(actions);
        var operations = await fix.GetOperationsAsync(CancellationToken.None);
        var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        return (await changed.GetDocument(documentId)!.GetTextAsync()).ToString();
    }
}
