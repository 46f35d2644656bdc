using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace KvmSharp.Bench.Consumer;

/// <summary>
/// Two console projects a user would have, side by side in a temp folder: <c>plain</c> without KvmSharp and
/// <c>kvm</c> with the KvmSharp package packed from this repository into a folder feed, both with the same
/// <c>Program.cs</c>, so what one costs more than the other is the package (generator, analyzers, AdditionalFiles).
/// Their NuGet packages folder is the temp folder's own; everything is deleted at the end.
/// </summary>
internal sealed class ConsumerProjects : IDisposable
{
    /// <summary>The program both projects build: ordinary C#, so the package is the only difference.</summary>
    public const string Program = """
        using System.Text;

        var names = new List<string> { "alpha", "beta", "gamma" };
        var text = new StringBuilder();
        foreach (var name in names)
            text.Append(name.ToUpperInvariant()).Append(' ');
        Console.WriteLine("Hello" + text);

        """;

    /// <summary>The literal an edit changes, one character at a time.</summary>
    public const string EditedLiteral = "\"Hello\"";

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("kvmsharp-consumer-bench-");

    private ConsumerProjects()
    {
    }

    /// <summary>The NUGET_PACKAGES folder of both projects.</summary>
    public string Packages => Path.Combine(_root.FullName, "packages");

    /// <summary>The project without KvmSharp.</summary>
    public string Plain => Path.Combine(_root.FullName, "plain");

    /// <summary>The project with KvmSharp.</summary>
    public string Kvm => Path.Combine(_root.FullName, "kvm");

    /// <summary>Packs KvmSharp and creates, restores and builds both projects once (so the feed and caches are warm).</summary>
    public static ConsumerProjects Create()
    {
        var projects = new ConsumerProjects();
        var feed = Path.Combine(projects._root.FullName, "feed");
        Run(RepositoryRoot(), null, "pack", "src/Bindings/KvmSharp.Bindings.csproj", "-c", "Release", "-o", feed,
            "--artifacts-path", Path.Combine(projects._root.FullName, "pack-build"), "-nologo");
        File.WriteAllText(Path.Combine(projects._root.FullName, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="local"><package pattern="KvmSharp" /></packageSource>
                <packageSource key="nuget.org"><package pattern="*" /></packageSource>
              </packageSourceMapping>
            </configuration>
            """);
        var version = Path.GetFileNameWithoutExtension(Directory.GetFiles(feed, "KvmSharp.*.nupkg").Single())["KvmSharp.".Length..];
        foreach (var (folder, withKvm) in new[] { (projects.Plain, false), (projects.Kvm, true) })
        {
            var name = Path.GetFileName(folder);
            projects.Dotnet(projects._root.FullName, "new", "console", "--name", name, "--output", name, "--no-restore");
            if (withKvm)
                projects.Dotnet(folder, "add", "package", "KvmSharp", "--version", version);
            File.WriteAllText(Path.Combine(folder, "Program.cs"), Program);
            projects.Dotnet(folder, "build", "-nodeReuse:false");
        }
        return projects;
    }

    /// <summary>Runs dotnet in <paramref name="directory"/> with the projects' packages folder; throws with its output on failure.</summary>
    public TimeSpan Dotnet(string directory, params string[] arguments) => Run(directory, Packages, arguments);

    /// <summary>The environment a process working on these projects needs.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["NUGET_PACKAGES"] = Packages,
        ["DOTNET_CLI_UI_LANGUAGE"] = "en",
        ["MSBUILDDISABLENODEREUSE"] = "1",
    };

    public void Dispose() => _root.Delete(recursive: true);

    private static TimeSpan Run(string directory, string? packages, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        if (packages is not null)
            info.Environment["NUGET_PACKAGES"] = packages;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        var elapsed = clock.Elapsed;
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{stdout.Result}{stderr.Result}");
        return elapsed;
    }

    private static string RepositoryRoot([CallerFilePath] string here = "")
        => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", ".."));
}
