using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using KvmSharp.Analyzers;
using KvmSharp.Generator.Diagnostics;
using KvmSharp.Generator.Generation;
using KvmSharp.Tests.Packaging;
using Microsoft.CodeAnalysis;
using Xunit;

namespace KvmSharp.Tests.Diagnostics;

/// <summary>
/// Every diagnostic ID KvmSharp emits (the analyzers' KVM, the generator's KVMG and KVMH, MSBuild's KVMB) links to a
/// page of its own under docs/diagnostics that exists in this repository, and every Roslyn one is in its assembly's
/// AnalyzerReleases files.
/// </summary>
public sealed class DiagnosticHelpTests
{
    private const string Base = "https://github.com/kvmsharp/kvmsharp/blob/main/docs/diagnostics/";

    public static TheoryData<string, string> Descriptors()
    {
        var data = new TheoryData<string, string>();
        foreach (var (type, assembly) in new[]
                 {
                     (typeof(KvmDiagnostics), "Analyzers"), (typeof(GeneratorDiagnostics), "Generator"),
                     (typeof(HeaderDiagnosticDescriptors), "Generator"),
                 })
        {
            foreach (var field in type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
            {
                if (field.GetValue(null) is DiagnosticDescriptor descriptor)
                    data.Add(descriptor.Id, assembly);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Descriptors))]
    public void Each_descriptor_links_to_its_page_and_is_in_the_release_files(string id, string assembly)
    {
        var descriptor = AllDescriptors().First(d => d.Id == id);

        Assert.Equal(Base + id + ".md", descriptor.HelpLinkUri);
        AssertPage(id);
        var releases = string.Concat(new[] { "Shipped", "Unshipped" }
            .Select(kind => File.ReadAllText(Path.Combine(LocalFeed.RepositoryRoot(), "src", assembly, $"AnalyzerReleases.{kind}.md"))));
        Assert.Matches(new Regex($@"^{id} \| {Regex.Escape(descriptor.Category)} \| {descriptor.DefaultSeverity} \|", RegexOptions.Multiline), releases);
    }

    [Fact]
    public void Every_header_diagnostic_id_of_the_front_end_has_a_descriptor()
    {
        var ids = typeof(DiagnosticIds).GetFields(BindingFlags.Static | BindingFlags.Public)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();

        Assert.NotEmpty(ids);
        Assert.Equal(ids.Order(), HeaderDiagnosticDescriptors.ById.Keys.Order());
    }

    [Fact]
    public void The_msbuild_error_links_to_its_page()
    {
        var targets = XDocument.Load(Path.Combine(LocalFeed.RepositoryRoot(), "src", "Generator", "build", "KvmSharp.targets"));
        var errors = targets.Descendants().Where(e => e.Name.LocalName == "Error" && e.Attribute("Code") is not null).ToList();

        Assert.NotEmpty(errors);
        foreach (var error in errors)
        {
            var code = (string)error.Attribute("Code")!;
            Assert.Equal(Base + code + ".md", (string?)error.Attribute("HelpLink"));
            AssertPage(code);
        }
    }

    [Fact]
    public void Every_check_of_kvmgen_review_has_its_page()
    {
        var ids = typeof(KvmSharp.Cli.Review.ReviewIds).GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();

        Assert.Equal(9, ids.Count);
        foreach (var id in ids)
        {
            AssertPage(id);
            Assert.Contains("## What to do", File.ReadAllText(Path.Combine(LocalFeed.RepositoryRoot(), "docs", "diagnostics", id + ".md")));
        }
    }

    [Fact]
    public void The_help_pages_are_named_after_their_ids_and_each_says_what_to_do()
    {
        var pages = Directory.GetFiles(Path.Combine(LocalFeed.RepositoryRoot(), "docs", "diagnostics"), "KVM*.md");

        Assert.True(pages.Length >= 37, $"{pages.Length} pages");
        foreach (var page in pages)
        {
            var id = Path.GetFileNameWithoutExtension(page);
            var text = File.ReadAllText(page);
            Assert.StartsWith($"# {id}: ", text);
            if (!id.StartsWith("KVM0", StringComparison.Ordinal))
                Assert.Contains("## What to do", text);
        }
    }

    private static IEnumerable<DiagnosticDescriptor> AllDescriptors()
        => new[] { typeof(KvmDiagnostics), typeof(GeneratorDiagnostics), typeof(HeaderDiagnosticDescriptors) }
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
            .Select(f => f.GetValue(null)).OfType<DiagnosticDescriptor>();

    private static void AssertPage(string id)
    {
        var page = Path.Combine(LocalFeed.RepositoryRoot(), "docs", "diagnostics", id + ".md");
        Assert.True(File.Exists(page), $"no page {page}");
        Assert.StartsWith($"# {id}: ", File.ReadAllText(page));
    }
}
