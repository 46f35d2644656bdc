using KvmSharp.TestSupport.GeneratorInputs;
using System.Collections.Immutable;
using System.Text.RegularExpressions;
using KvmSharp.Analyzers;
using KvmSharp.Generator.Emission;
using KvmSharp.Tests.Generation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace KvmSharp.Tests.Analyzers;

/// <summary>A diagnostic as a test states it: its ID and the span of source it covers.</summary>
internal sealed record Expected(string Id, int Start, int End)
{
    /// <summary>The file the diagnostic is in; not compared (marks are all in the test source).</summary>
    public string? File { get; init; }

    public bool Equals(Expected? other) => other is not null && (Id, Start, End) == (other.Id, other.Start, other.End);

    public override int GetHashCode() => HashCode.Combine(Id, Start, End);
}

/// <summary>
/// Compiles a test source against the bindings generated from the patched (or plain) arm64 header and the runtime,
/// with in-memory .NET 10 reference assemblies (nothing is downloaded), and runs the analyzers on it.
/// Sources mark where diagnostics must be with <c>{|KVM0001:text|}</c> (a compiler diagnostic the same way, <c>{|CS0219:text|}</c>).
/// </summary>
internal static class AnalyzerHarness
{
    private static readonly CSharpParseOptions Parse = new(LanguageVersion.Latest);
    private static readonly Lazy<ImmutableArray<SyntaxTree>> PatchedTrees = new(() => Trees(patched: true));
    private static readonly Lazy<ImmutableArray<SyntaxTree>> PlainTrees = new(() => Trees(patched: false));

    public static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers =
        ImmutableArray.Create<DiagnosticAnalyzer>(new CapabilityContractAnalyzer(), new CapabilityGuardAnalyzer());

    public static IEnumerable<MetadataReference> References
        => Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(KvmSharp.KvmSystem).Assembly.Location));

    /// <summary>The generated files, as a consumer with the runtime referenced gets them.</summary>
    public static ImmutableArray<SyntaxTree> Generated(bool patched) => patched ? PatchedTrees.Value : PlainTrees.Value;

    public static CSharpCompilation Compile(string source, bool patched = true)
        => CSharpCompilation.Create("Consumer" + Guid.NewGuid().ToString("N"),
            Generated(patched).Append(CSharpSyntaxTree.ParseText(source, Parse, path: "Test.cs")),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>
    /// Every warning and error of <paramref name="source"/>, the compiler's and the analyzers', in any file. Fails the
    /// test when an analyzer throws (AD0001): a crashed analyzer reports nothing, and "nothing fires" must not pass then.
    /// </summary>
    public static async Task<ImmutableArray<Diagnostic>> Diagnostics(string source, bool patched = true, params AdditionalText[] files)
    {
        var compilation = Compile(source, patched);
        var exceptions = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var options = new AnalyzerOptions(files.ToImmutableArray());
        var withAnalyzers = compilation.WithAnalyzers(Analyzers, new CompilationWithAnalyzersOptions(options,
            (exception, analyzer, diagnostic) => exceptions.Enqueue($"{analyzer.GetType().Name}: {exception}"),
            concurrentAnalysis: false, logAnalyzerExecutionTime: false));
        var all = await withAnalyzers.GetAllDiagnosticsAsync();
        Assert.True(exceptions.IsEmpty, "an analyzer threw:\n" + string.Join("\n", exceptions));
        var crashes = all.Where(d => d.Id == "AD0001").ToList();
        Assert.True(crashes.Count == 0, "an analyzer threw:\n" + string.Join("\n", crashes));
        return all.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();
    }

    /// <summary>
    /// Asserts that the diagnostics of the marked-up source are exactly those marked: the analyzers' and the compiler's
    /// (a test that means a compiler error or warning marks it, <c>{|CS0219:x|}</c>); any other fails the test.
    /// </summary>
    public static async Task Verify(string markup, bool patched = true, params AdditionalText[] files)
    {
        var (source, expected) = Markup(markup);
        var diagnostics = await Diagnostics(source, patched, files);
        var actual = diagnostics
            .Select(d => new Expected(d.Id, d.Location.SourceSpan.Start, d.Location.SourceSpan.End) { File = d.Location.SourceTree?.FilePath })
            .OrderBy(e => e.Start).ThenBy(e => e.Id)
            .ToList();
        var elsewhere = actual.Where(e => e.File != "Test.cs").ToList();
        Assert.True(elsewhere.Count == 0, "diagnostics outside the test source:\n" + string.Join("\n", diagnostics.Where(d => d.Location.SourceTree?.FilePath != "Test.cs")));
        Assert.True(expected.SequenceEqual(actual),
            $"expected:\n{Describe(source, expected)}\nactual:\n{Describe(source, actual)}\nmessages:\n{string.Join("\n", diagnostics)}");
    }

    /// <summary>Strips <c>{|ID:text|}</c> marks, returning the source and what they mark.</summary>
    public static (string Source, List<Expected> Expected) Markup(string markup)
    {
        var expected = new List<Expected>();
        var text = new System.Text.StringBuilder();
        var open = new Stack<(string Id, int Start)>();
        for (var i = 0; i < markup.Length; i++)
        {
            var m = Regex.Match(markup.Substring(i, Math.Min(12, markup.Length - i)), @"^\{\|([A-Z]{2,4}\d{4}):");
            if (m.Success)
            {
                open.Push((m.Groups[1].Value, text.Length));
                i += m.Length - 1;
            }
            else if (markup[i] == '|' && i + 1 < markup.Length && markup[i + 1] == '}' && open.Count > 0)
            {
                var (id, start) = open.Pop();
                expected.Add(new Expected(id, start, text.Length));
                i++;
            }
            else
            {
                text.Append(markup[i]);
            }
        }
        return (text.ToString(), expected.OrderBy(e => e.Start).ThenBy(e => e.Id).ToList());
    }

    private static string Describe(string source, IEnumerable<Expected> diagnostics)
        => string.Join("\n", diagnostics.Select(d => $"  {d.Id} '{source[d.Start..d.End]}' at {d.Start}"));

    private static ImmutableArray<SyntaxTree> Trees(bool patched)
    {
        var model = PatchedArm64Header.Model(patched);
        var sources = BindingsEmitter.Emit(model, new EmitOptions(RuntimeReferenced: true));
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, Parse, path: s.HintName)).ToList();
        return trees.ToImmutableArray();
    }
}
