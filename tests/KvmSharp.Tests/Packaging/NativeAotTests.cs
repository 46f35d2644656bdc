using KvmSharp.Tests.Runtime;
using Xunit;

namespace KvmSharp.Tests.Packaging;

/// <summary>
/// samples/HelloVm published with Native AOT, as README says: the generated bindings and the runtime hold up under
/// the AOT compiler (no warning is an error there: the sample sets IsAotCompatible), and the native program runs
/// the guest. Not in the packaging collection: it runs beside it.
/// </summary>
public sealed class NativeAotTests
{
    [SkippableFact]
    public void HelloVmPublishedWithNativeAotPrintsTheGreeting()
    {
        // Kept in the test output: a rerun only relinks what changed.
        var artifacts = Path.Combine(AppContext.BaseDirectory, "aot-build");
        var sample = Path.Combine(LocalFeed.RepositoryRoot(), "samples", "HelloVm", "HelloVm.csproj");
        List<string> publish = ["publish", sample, "-c", "Release", "-p:PublishAot=true", "--artifacts-path", artifacts, "-nologo"];
        // The AOT compiler links with `clang`, else `gcc`; Debian's clang-14 (the tests' oracle) installs only clang-14.
        if (!OnPath("clang") && !OnPath("gcc") && OnPath("clang-14"))
            publish.Add("-p:CppCompilerAndLinker=clang-14");
        DotnetCommand.Run(LocalFeed.RepositoryRoot(), null, "dotnet", [.. publish]).Succeeded();

        var native = Path.Combine(artifacts, "publish", "HelloVm", "release", "HelloVm");
        Assert.True(File.Exists(native), $"no native program at {native}");
        Assert.False(File.Exists(Path.ChangeExtension(native, ".dll")), "the publish folder has HelloVm.dll: not a native AOT publish");

        KvmTestHost.RequireKvm();
        var run = DotnetCommand.Run(LocalFeed.RepositoryRoot(), null, native).Succeeded();
        Assert.Contains("Hello from a KVM guest!\n", run.StandardOutput);
        Assert.Contains("VM exits: 25 (24 port writes, 1 HLT)", run.StandardOutput);
    }

    private static bool OnPath(string program)
        => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, program)));
}
