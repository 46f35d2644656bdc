using System.Collections.Immutable;
using System.Reflection;
using System.Text.RegularExpressions;
using KvmSharp.Tests.Packaging;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.MSBuild;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace KvmSharp.Tests.Ide;

/// <summary>
/// What csharp-ls 0.28.0 cannot do with a package, done as an IDE host does it, through Roslyn's workspace API
/// (MSBuildWorkspace, the project loader of Visual Studio Code's C# extension and of csharp-ls itself): the package's
/// KVM0009 code fix found in its analyzer assembly and applied; an edit of the patched header given to the workspace
/// as an editor's file watcher does, and the new capability in the bindings without reloading the project; a broken
/// header, and the generator's KVMH diagnostic at the header's line.
/// </summary>
[Collection(PackagingCollection.Name)]
public sealed class WorkspaceHostTests(LocalFeed feed)
{
    [Fact]
    public async Task TheKvm0009FixAppliesAndHeaderEditsRegenerateWithoutReloading()
    {
        var consumer = IdeConsumer.Create(feed, "WorkspaceConsumer");
        using var workspace = MSBuildWorkspace.Create();
        var project = await workspace.OpenProjectAsync(consumer.ProjectFile);
        var failures = workspace.Diagnostics.Where(d => d.Kind == WorkspaceDiagnosticKind.Failure).ToList();
        Assert.True(failures.Count == 0, string.Join("\n", failures.Select(f => f.Message)));
        var programId = project.Documents.Single(d => d.FilePath == consumer.Program).Id;

        var diagnostics = await KvmDiagnostics(project);
        var actual = diagnostics.Where(d => d.Location.SourceTree?.FilePath == consumer.Program)
            .Select(d => (d.Id, d.Location.SourceSpan)).OrderBy(d => d.SourceSpan.Start).ToList();
        Assert.Equal(consumer.Expected, actual);

        // The KVM0009 code action, from the package's code-fix assembly, applied.
        var unguarded = diagnostics.Single(d => d.Id == "KVM0009");
        var actions = new List<CodeAction>();
        var document = project.GetDocument(programId)!;
        foreach (var provider in PackageCodeFixes(project).Where(p => p.FixableDiagnosticIds.Contains("KVM0009")))
            await provider.RegisterCodeFixesAsync(new CodeFixContext(document, unguarded, (action, _) => actions.Add(action), CancellationToken.None));
        var fix = Assert.Single(actions);
        var operations = await fix.GetOperationsAsync(CancellationToken.None);
        var solution = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        var fixedText = (await solution.GetDocument(programId)!.GetTextAsync()).ToString();
        Assert.Contains("CheckExtension(KvmCapability.ArmNisvToUser)", fixedText);
        var afterFix = await KvmDiagnostics(solution.GetProject(project.Id)!);
        Assert.Equal(["KVM0001", "KVM0003"], afterFix.Select(d => d.Id).Order());
        Assert.Empty((await solution.GetProject(project.Id)!.GetCompilationAsync())!.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        // A kernel developer adds a capability to the patched header and saves it: the editor's file watcher hands the
        // workspace the new text, and the bindings of the same (never reloaded) project have it.
        var header = solution.GetProject(project.Id)!.AdditionalDocuments.Single(d => d.FilePath == consumer.Header);
        var original = File.ReadAllText(consumer.Header);
        var caps = Regex.Matches(original, @"^#define KVM_CAP_\w+\s+(\d+)\s*$", RegexOptions.Multiline);
        var number = caps.Max(m => int.Parse(m.Groups[1].Value)) + 1;
        var last = caps.MaxBy(m => m.Index)!;
        var added = original.Insert(last.Index + last.Length, $"\n#define KVM_CAP_GUEST_WIDGET {number}");
        solution = Save(solution, header.Id, consumer.Header, added);
        var capability = (await solution.GetProject(project.Id)!.GetCompilationAsync())!.GetTypeByMetadataName("KvmSharp.KvmCapability")!;
        var member = Assert.Single(capability.GetMembers(IdeConsumer.MemberName("KVM_CAP_GUEST_WIDGET")).OfType<IFieldSymbol>());
        Assert.Equal(number, Convert.ToInt32(member.ConstantValue));

        // Then breaks it: the generator's KVMH0004 at the #error's line of the header.
        var errorAt = added.IndexOf('\n', last.Index + last.Length + 1);
        var broken = added.Insert(errorAt, "\n#error KvmSharp IDE test");
        var errorLine = broken[..(errorAt + 1)].Count(c => c == '\n');
        solution = Save(solution, header.Id, consumer.Header, broken);
        var generator = await GeneratorDiagnostics(solution.GetProject(project.Id)!);
        var reported = generator.Where(d => d.Id == "KVMH0004").ToList();
        Assert.True(reported.Count == 1, $"generator diagnostics:\n{string.Join("\n", generator)}");
        var span = reported[0].Location.GetLineSpan();
        Assert.Equal(consumer.Header, span.Path);
        Assert.Equal(errorLine, span.StartLinePosition.Line);
    }

    // Writes the file as the developer's editor does, and gives the workspace its new text as a file watcher does.
    private static Solution Save(Solution solution, DocumentId header, string path, string text)
    {
        File.WriteAllText(path, text);
        return solution.WithAdditionalDocumentText(header, SourceText.From(text));
    }

    // The KvmSharp analyzers of the project's analyzer references (the SDK's own analyzers are left out: slow, and
    // not what this asserts), over the compilation with generated sources.
    private static async Task<ImmutableArray<Diagnostic>> KvmDiagnostics(Project project)
    {
        var analyzers = project.AnalyzerReferences.Where(r => r.Display?.StartsWith("KvmSharp.", StringComparison.Ordinal) == true)
            .SelectMany(r => r.GetAnalyzers(LanguageNames.CSharp)).ToImmutableArray();
        Assert.NotEmpty(analyzers);
        var compilation = (await project.GetCompilationAsync())!;
        var all = await compilation.WithAnalyzers(analyzers, project.AnalyzerOptions).GetAnalyzerDiagnosticsAsync();
        return all.Where(d => d.Id.StartsWith("KVM0", StringComparison.Ordinal)).ToImmutableArray();
    }

    // The code fixes an IDE finds in a package: the [ExportCodeFixProvider] types of its analyzer assemblies.
    private static IEnumerable<CodeFixProvider> PackageCodeFixes(Project project)
        => project.AnalyzerReferences.OfType<AnalyzerFileReference>()
            .Where(r => Path.GetFileName(r.FullPath).StartsWith("KvmSharp.", StringComparison.Ordinal))
            .SelectMany(r => r.GetAssembly().GetTypes())
            .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t) && t.GetCustomAttribute<ExportCodeFixProviderAttribute>() is not null)
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!);

    // Roslyn keeps a project's generator diagnostics internal (Project.GetSourceGeneratorDiagnosticsAsync); Visual
    // Studio and Roslyn's own language server reach it through InternalsVisibleTo, a test by reflection.
    private static async Task<ImmutableArray<Diagnostic>> GeneratorDiagnostics(Project project)
    {
        var method = typeof(Project).GetMethod("GetSourceGeneratorDiagnosticsAsync", BindingFlags.Instance | BindingFlags.NonPublic, [typeof(CancellationToken)]);
        Assert.True(method is not null, "this Roslyn has no Project.GetSourceGeneratorDiagnosticsAsync(CancellationToken)");
        var result = method!.Invoke(project, [CancellationToken.None]);
        return result switch
        {
            ValueTask<ImmutableArray<Diagnostic>> valueTask => await valueTask,
            Task<ImmutableArray<Diagnostic>> task => await task,
            _ => throw new InvalidOperationException($"GetSourceGeneratorDiagnosticsAsync returned {result?.GetType()}"),
        };
    }
}
