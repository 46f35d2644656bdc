using System.IO.Compression;
using System.Xml.Linq;
using Xunit;

namespace KvmSharp.Tests.Packaging;

/// <summary>What the packages hold, read from the .nupkg files as zips: nothing stray, nothing missing.</summary>
[Collection(PackagingCollection.Name)]
public sealed class PackageContentsTests(LocalFeed feed)
{
    [Fact]
    public void KvmSharpHoldsExactlyTheRuntimeTheThreeRoslynAssembliesTheMsbuildWiringAndItsReadme()
    {
        using var package = ZipFile.OpenRead(feed.KvmSharpPackage);

        // Exact: anything stray (a dependency's assembly, a symbol file beside an assembly that embeds its own) fails.
        Assert.Equal(
        [
            "README.md",
            "analyzers/dotnet/cs/KvmSharp.Analyzers.CodeFixes.dll",
            "analyzers/dotnet/cs/KvmSharp.Analyzers.dll",
            "analyzers/dotnet/cs/KvmSharp.Generator.dll",
            "build/KvmSharp.props",
            "build/KvmSharp.targets",
            "buildTransitive/KvmSharp.props",
            "buildTransitive/KvmSharp.targets",
            "lib/net10.0/KvmSharp.dll",
            "lib/net10.0/KvmSharp.xml",
        ], PackagedFiles(package));
    }

    [Fact]
    public void EveryAssemblyOfTheTwoPackagesEmbedsItsSymbolsWithSourceLinkToThisCommit()
    {
        var commit = DotnetCommand.Run(LocalFeed.RepositoryRoot(), null, "git", "rev-parse", "HEAD").Succeeded().StandardOutput.Trim();
        var expected = $"https://raw.githubusercontent.com/kvmsharp/kvmsharp/{commit}/";
        var packages = new[] { feed.KvmSharpPackage, feed.KvmgenAnyPackage };

        var assemblies = 0;
        foreach (var path in packages)
        {
            using var package = ZipFile.OpenRead(path);
            foreach (var entry in package.Entries.Where(e => e.FullName.EndsWith(".dll", StringComparison.Ordinal)
                         && Path.GetFileName(e.FullName).StartsWith("KvmSharp", StringComparison.Ordinal) || e.FullName.EndsWith("/kvmgen.dll", StringComparison.Ordinal)))
            {
                var sourceLink = EmbeddedSourceLink(entry);
                Assert.True(sourceLink is not null, $"{entry.FullName} of {Path.GetFileName(path)} embeds no PDB with Source Link");
                using var json = System.Text.Json.JsonDocument.Parse(sourceLink!);
                var targets = json.RootElement.GetProperty("documents").EnumerateObject().Select(d => d.Value.GetString()!).ToList();
                Assert.Contains(targets, t => t.StartsWith(expected, StringComparison.Ordinal));
                assemblies++;
            }
        }
        Assert.Equal(7, assemblies);   // the runtime, generator, analyzers, code fixes; kvmgen, its generator and its disk reader (KvmSharp.Generator.Disk)
    }

    [Fact]
    public void ThePackageReadmesAreForPackageUsersWithOnlyAbsoluteLinks()
    {
        foreach (var (path, source) in new[] { (feed.KvmSharpPackage, "README.md"), (feed.KvmgenPackage, "kvmgen.md") })
        {
            using var package = ZipFile.OpenRead(path);
            var readme = Read(package, "README.md");

            Assert.Equal(File.ReadAllText(Path.Combine(LocalFeed.RepositoryRoot(), "docs", "package", source)), readme);
            Assert.DoesNotContain("dotnet test", readme);
            // Markdown links and images: a package page resolves nothing relative.
            foreach (System.Text.RegularExpressions.Match link in System.Text.RegularExpressions.Regex.Matches(readme, @"\]\(([^)]+)\)"))
                Assert.StartsWith("https://", link.Groups[1].Value);
        }
    }

    [Fact]
    public void ThePackageQuickstartIsTheProgramTheFreshProjectTestRuns()
    {
        var readme = File.ReadAllText(Path.Combine(LocalFeed.RepositoryRoot(), "docs", "package", "README.md"));
        var start = readme.IndexOf("```csharp\n", StringComparison.Ordinal) + "```csharp\n".Length;
        var end = readme.IndexOf("```", start, StringComparison.Ordinal);

        Assert.Equal(FreshProjectTests.GreetingProgram.Trim(), readme[start..end].Trim());
    }

    [Fact]
    public void BothPackagesCarryTheMitLicenseOfTheRepositoryAndPointToTheChangelog()
    {
        var root = LocalFeed.RepositoryRoot();
        Assert.StartsWith("MIT License", File.ReadAllText(Path.Combine(root, "LICENSE")));
        var changelog = File.ReadAllText(Path.Combine(root, "CHANGELOG.md"));
        Assert.Contains($"## {feed.Version}", changelog);

        foreach (var path in new[] { feed.KvmSharpPackage, feed.KvmgenPackage, feed.KvmgenAnyPackage, feed.KvmgenLinuxX64Package })
        {
            using var package = ZipFile.OpenRead(path);
            var metadata = Nuspec(package);
            XNamespace ns = metadata.Name.NamespaceName;
            var license = metadata.Element(ns + "license")!;
            Assert.Equal(("expression", "MIT"), ((string?)license.Attribute("type"), license.Value));
            Assert.Contains("https://github.com/kvmsharp/kvmsharp/blob/main/CHANGELOG.md", (string?)metadata.Element(ns + "releaseNotes"));
            Assert.Equal("https://github.com/kvmsharp/kvmsharp", (string?)metadata.Element(ns + "repository")?.Attribute("url"));
        }
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
    public void KvmgenIsARidSpecificDotnetToolNativeOnLinuxX64()
    {
        // The pointer package: the command and the package of each runtime, no program of its own.
        using (var pointer = ZipFile.OpenRead(feed.KvmgenPackage))
        {
            Assert.Equal(["README.md", "tools/any/any/DotnetToolSettings.xml"], PackagedFiles(pointer));
            var settings = XDocument.Parse(Read(pointer, "tools/any/any/DotnetToolSettings.xml"));
            Assert.Equal("kvmgen", (string?)settings.Descendants("Command").Single().Attribute("Name"));
            Assert.Equal(
                [("any", "KvmSharp.Kvmgen.any"), ("linux-x64", "KvmSharp.Kvmgen.linux-x64")],
                settings.Descendants("RuntimeIdentifierPackage")
                    .Select(p => ((string)p.Attribute("RuntimeIdentifier")!, (string)p.Attribute("Id")!)).Order());
            var metadata = Nuspec(pointer);
            Assert.Contains(metadata.Descendants(metadata.Name.Namespace + "packageType"), t => (string?)t.Attribute("name") == "DotnetTool");
        }

        // linux-x64: one native executable (an ELF file), no IL, no symbols beside it.
        using (var native = ZipFile.OpenRead(feed.KvmgenLinuxX64Package))
        {
            Assert.Equal(["README.md", "tools/any/linux-x64/DotnetToolSettings.xml", "tools/any/linux-x64/kvmgen"], PackagedFiles(native));
            using var program = new BinaryReader(native.GetEntry("tools/any/linux-x64/kvmgen")!.Open());
            Assert.Equal("\u007fELF"u8.ToArray(), program.ReadBytes(4));
        }

        // any: the framework-dependent kvmgen.dll, for every other platform.
        using (var portable = ZipFile.OpenRead(feed.KvmgenAnyPackage))
        {
            var files = PackagedFiles(portable);
            Assert.Contains("tools/net10.0/any/kvmgen.dll", files);
            Assert.Contains("tools/net10.0/any/KvmSharp.Generator.dll", files);
            var settings = XDocument.Parse(Read(portable, "tools/net10.0/any/DotnetToolSettings.xml"));
            Assert.Equal("kvmgen.dll", (string?)settings.Descendants("Command").Single().Attribute("EntryPoint"));
        }
    }

    // What a package holds besides NuGet's own bookkeeping (the nuspec, _rels, [Content_Types].xml, package/).
    private static List<string> PackagedFiles(ZipArchive package)
        => package.Entries.Select(e => e.FullName)
            .Where(e => !e.EndsWith(".nuspec", StringComparison.Ordinal) && !e.StartsWith("_rels/", StringComparison.Ordinal)
                && e != "[Content_Types].xml" && !e.StartsWith("package/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();

    // The Source Link JSON of an assembly's embedded portable PDB, or null.
    private static string? EmbeddedSourceLink(ZipArchiveEntry assembly)
    {
        var bytes = new MemoryStream();
        using (var stream = assembly.Open())
            stream.CopyTo(bytes);
        bytes.Position = 0;
        using var pe = new System.Reflection.PortableExecutable.PEReader(bytes);
        var embedded = pe.ReadDebugDirectory().Where(e => e.Type == System.Reflection.PortableExecutable.DebugDirectoryEntryType.EmbeddedPortablePdb).ToList();
        if (embedded.Count == 0)
            return null;
        using var provider = pe.ReadEmbeddedPortablePdbDebugDirectoryData(embedded[0]);
        var pdb = provider.GetMetadataReader();
        // The Source Link kind of the Portable PDB format's custom debug information.
        var sourceLinkKind = new Guid("CC110556-A091-4D38-9FEC-25AB9A351A6A");
        foreach (var handle in pdb.CustomDebugInformation)
        {
            var information = pdb.GetCustomDebugInformation(handle);
            if (pdb.GetGuid(information.Kind) == sourceLinkKind)
                return System.Text.Encoding.UTF8.GetString(pdb.GetBlobBytes(information.Value));
        }
        return null;
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
