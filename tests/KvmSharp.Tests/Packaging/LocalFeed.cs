using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Xunit;

namespace KvmSharp.Tests.Packaging;

/// <summary>The tests that consume the packages as a new user does: one pack for all of them.</summary>
[CollectionDefinition(Name)]
public sealed class PackagingCollection : ICollectionFixture<LocalFeed>
{
    public const string Name = "Packaging";
}

/// <summary>
/// <c>KvmSharp</c> and <c>KvmSharp.Kvmgen</c> packed with <c>dotnet pack</c> from the sources beside these tests into
/// a folder feed, and an empty NuGet global packages folder for the projects that consume them: whatever a
/// consumer restores comes from this run's feed, never from a cache filled by an earlier run. Everything lives in
/// one temp folder, deleted at the end; the pack's build tree is kept in the test output so a rerun is incremental.
/// </summary>
public sealed partial class LocalFeed : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("kvmsharp-packaging-");
    private readonly Lazy<string> _version;

    public LocalFeed() => _version = new Lazy<string>(Pack);

    /// <summary>The folder the packages are in.</summary>
    public string Feed => Path.Combine(_root.FullName, "feed");

    /// <summary>The NUGET_PACKAGES folder of every consumer.</summary>
    public string Packages => Path.Combine(_root.FullName, "packages");

    /// <summary>The version both packages were packed with (packing on first use).</summary>
    public string Version => _version.Value;

    /// <summary>The KvmSharp package file.</summary>
    public string KvmSharpPackage => Path.Combine(Feed, $"KvmSharp.{Version}.nupkg");

    /// <summary>The kvmgen tool package file.</summary>
    public string KvmgenPackage => Path.Combine(Feed, $"KvmSharp.Kvmgen.{Version}.nupkg");

    /// <summary>kvmgen compiled Native AOT for linux-x64, the package the pointer names for that runtime.</summary>
    public string KvmgenLinuxX64Package => Path.Combine(Feed, $"KvmSharp.Kvmgen.linux-x64.{Version}.nupkg");

    /// <summary>kvmgen framework-dependent, for every other runtime.</summary>
    public string KvmgenAnyPackage => Path.Combine(Feed, $"KvmSharp.Kvmgen.any.{Version}.nupkg");

    /// <summary>
    /// A folder with a nuget.config whose sources are the feed and nuget.org, as a user who tries a local build
    /// of a package writes it; the KvmSharp packages map to the feed only, so nuget.org is never asked for them.
    /// <paramref name="onlyTheFeed"/>: no configured source, only what <c>dotnet tool install --add-source</c> adds.
    /// </summary>
    public string NewWorkspace(string name, bool onlyTheFeed = false)
    {
        var folder = Path.Combine(_root.FullName, name);
        Directory.CreateDirectory(folder);
        var config = Path.Combine(folder, "nuget.config");
        if (onlyTheFeed)
        {
            File.WriteAllText(config, "<configuration><packageSources><clear /></packageSources></configuration>\n");
            return folder;
        }
        File.WriteAllText(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="local">
                  <package pattern="KvmSharp" />
                  <package pattern="KvmSharp.*" />
                </packageSource>
                <packageSource key="nuget.org">
                  <package pattern="*" />
                </packageSource>
              </packageSourceMapping>
            </configuration>
            """);
        return folder;
    }

    /// <summary><c>dotnet new console</c> in a new workspace, then <c>dotnet add package KvmSharp</c>: the project folder.</summary>
    public string NewConsoleProject(string name)
    {
        var workspace = NewWorkspace(name);
        Dotnet(workspace, "new", "console", "--name", name, "--output", "app", "--no-restore").Succeeded();
        var project = Path.Combine(workspace, "app");
        Dotnet(project, "add", "package", "KvmSharp", "--version", Version).Succeeded();
        return project;
    }

    /// <summary>Runs dotnet in <paramref name="directory"/> with this feed's packages folder.</summary>
    internal CommandRun Dotnet(string directory, params string[] arguments) => DotnetCommand.Run(directory, Packages, "dotnet", arguments);

    public void Dispose() => _root.Delete(recursive: true);

    private string Pack()
    {
        // The repository's own projects restore from the machine's usual cache: only consumers get the empty one.
        var artifacts = Path.Combine(AppContext.BaseDirectory, "packaging-build");
        // kvmgen is a RID-specific tool (src/Cli/KvmSharp.Cli.csproj): the pointer package, then one per runtime.
        foreach (var (project, runtime) in new[]
                 {
                     ("src/Bindings/KvmSharp.Bindings.csproj", null), ("src/Cli/KvmSharp.Cli.csproj", null),
                     ("src/Cli/KvmSharp.Cli.csproj", "linux-x64"), ("src/Cli/KvmSharp.Cli.csproj", "any"),
                 })
        {
            string[] arguments = ["pack", project, "-c", "Release", "--artifacts-path", artifacts, "-o", Feed, "-nologo"];
            DotnetCommand.Run(RepositoryRoot(), null, "dotnet", runtime is null ? arguments : [.. arguments, "-r", runtime]).Succeeded();
        }
        var package = Directory.GetFiles(Feed, "KvmSharp.*.nupkg").Select(Path.GetFileName).Single(f => PackageVersion().IsMatch(f!))!;
        return PackageVersion().Match(package).Groups[1].Value;
    }

    /// <summary>The repository's root folder, from this file's path.</summary>
    public static string RepositoryRoot([CallerFilePath] string here = "")
        => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", ".."));

    [GeneratedRegex(@"^KvmSharp\.([0-9].*)\.nupkg$")]
    private static partial Regex PackageVersion();
}
