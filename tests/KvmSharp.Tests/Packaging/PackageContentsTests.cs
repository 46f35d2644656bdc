using System.IO.Compression;
using System.Xml.Linq;
using Xunit;

namespace KvmSharp.Tests.Packaging;

/// <summary>What the packages hold, read from the .nupkg files as zips: nothing stray, nothing missing.</summary>
[Collection(PackagingCollection.Name)]
public sealed class PackageContentsTests(LocalFeed feed)
{
    [Fact]
    public void KvmSharpHoldsTheRuntimeTheThreeRoslynAssembliesAndTheMsbuildWiring()
    {
        using var package = ZipFile.OpenRead(feed.KvmSharpPackage);
        var entries = package.Entries.Select(e => e.FullName).ToHashSet();

        Assert.Contains("lib/net10.0/KvmSharp.dll", entries);
        Assert.Equal(["KvmSharp.Analyzers.CodeFixes.dll", "KvmSharp.Analyzers.dll", "KvmSharp.Generator.dll"],
            entries.Where(e => e.StartsWith("analyzers/", StringComparison.Ordinal))
                .Select(e => e.StartsWith("analyzers/dotnet/cs/", StringComparison.Ordinal) ? e["analyzers/dotnet/cs/".Length..] : e)
                .Order(StringComparer.Ordinal));
        foreach (var folder in new[] { "build", "buildTransitive" })
        {
            Assert.Contains($"{folder}/KvmSharp.props", entries);
            Assert.Contains($"{folder}/KvmSharp.targets", entries);
        }
        Assert.Contains("README.md", entries);
        // Nothing of the runtime's dependencies or of Roslyn anywhere: the compiler brings its own.
        Assert.DoesNotContain(entries, e => Path.GetFileName(e).StartsWith("System.", StringComparison.Ordinal)
            || Path.GetFileName(e).StartsWith("Microsoft.", StringComparison.Ordinal));
    }

    [Fact]
    public void ThePackagedTargetsAreTheRepositorysOwn()
    {
        using var package = ZipFile.OpenRead(feed.KvmSharpPackage);
        var source = Path.Combine(LocalFeed.RepositoryRoot(), "src", "Generator", "build");
        foreach (var folder in new[] { "build", "buildTransitive" })
            foreach (var file in new[] { "KvmSharp.props", "KvmSharp.targets" })
                Assert.Equal(File.ReadAllText(Path.Combine(source, file)), Read(package, $"{folder}/{file}"));
    }

    [Fact]
    public void KvmSharpDependsOnNoPackageAndNamesItsReadmeAndLicense()
    {
        using var package = ZipFile.OpenRead(feed.KvmSharpPackage);
        var metadata = Nuspec(package);
        XNamespace ns = metadata.Name.NamespaceName;

        Assert.Equal("KvmSharp", (string?)metadata.Element(ns + "id"));
        Assert.Equal(feed.Version, (string?)metadata.Element(ns + "version"));
        Assert.Equal("README.md", (string?)metadata.Element(ns + "readme"));
        Assert.False(string.IsNullOrWhiteSpace((string?)metadata.Element(ns + "license")));
        Assert.False(string.IsNullOrWhiteSpace((string?)metadata.Element(ns + "description")));
        var dependencies = metadata.Descendants(ns + "dependency").Select(d => (string?)d.Attribute("id")).ToList();
        Assert.DoesNotContain(dependencies, id => id!.StartsWith("Microsoft.CodeAnalysis", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(dependencies, id => id!.StartsWith("KvmSharp", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(dependencies);
    }

    [Fact]
    public void KvmgenIsADotnetToolNamedKvmgen()
    {
        using var package = ZipFile.OpenRead(feed.KvmgenPackage);
        var entries = package.Entries.Select(e => e.FullName).ToHashSet();

        Assert.Contains("tools/net10.0/any/kvmgen.dll", entries);
        var settings = XDocument.Parse(Read(package, "tools/net10.0/any/DotnetToolSettings.xml"));
        var command = settings.Descendants("Command").Single();
        Assert.Equal("kvmgen", (string?)command.Attribute("Name"));
        Assert.Equal("kvmgen.dll", (string?)command.Attribute("EntryPoint"));
        var metadata = Nuspec(package);
        Assert.Contains(metadata.Descendants(metadata.Name.Namespace + "packageType"), t => (string?)t.Attribute("name") == "DotnetTool");
    }

    private static XElement Nuspec(ZipArchive package)
    {
        var nuspec = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/'));
        using var stream = nuspec.Open();
        var document = XDocument.Load(stream);
        return document.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    private static string Read(ZipArchive package, string entry)
    {
        using var reader = new StreamReader(package.GetEntry(entry)!.Open());
        return reader.ReadToEnd();
    }
}
