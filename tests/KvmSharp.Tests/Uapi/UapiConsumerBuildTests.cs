using System.Runtime.CompilerServices;
using KvmSharp.Generator.FrontEnd.Targets;
using KvmSharp.Tests.Oracle;
using Xunit;

namespace KvmSharp.Tests.Uapi;

/// <summary>
/// A project that chooses headers with <c>KvmUapiHeader</c> items, built by MSBuild with KvmSharp.targets as a user's
/// project is (the items through the compiler's .editorconfig, the headers as AdditionalFiles): it must build, run, and
/// print what clang-14 says of the same headers.
/// </summary>
public sealed class UapiConsumerBuildTests
{
    private const string Project = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
          </PropertyGroup>
          <ItemGroup>
            <ProjectReference Include="REPO/src/Generator/KvmSharp.Generator.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
            <ProjectReference Include="REPO/src/Bindings/KvmSharp.Bindings.csproj" />
            <KvmUapiHeader Include="linux/vhost.h" />
            <KvmUapiHeader Include="linux/userfaultfd.h" IncludeFirst="linux/ioctl.h" />
            <KvmUapiHeader Include="linux/if_tun.h" IncludeFirst="linux/ioctl.h;linux/types.h" Namespace="My.Tun" />
          </ItemGroup>
          <Import Project="REPO/src/Generator/build/KvmSharp.targets" />
        </Project>
        """;

    private const string Program = """
        using System.Runtime.CompilerServices;
        using KvmSharp.Uapi.Vhost;
        using KvmSharp.Uapi.Userfaultfd;
        using My.Tun;

        System.Console.WriteLine($"VHOST_GET_FEATURES: {VhostIoctls.VhostGetFeatures}");
        System.Console.WriteLine($"VHOST_SET_VRING_ADDR: {VhostIoctls.VhostSetVringAddr}");
        System.Console.WriteLine($"UFFDIO_API: {UserfaultfdIoctls.UffdioApi}");
        System.Console.WriteLine($"TUNGETFEATURES: {TunIoctls.Tungetfeatures}");
        System.Console.WriteLine($"IFF_MULTI_QUEUE: {TunConstants.IFF_MULTI_QUEUE}");
        System.Console.WriteLine($"sizeof(struct vhost_vring_addr): {Unsafe.SizeOf<VhostVringAddr>()}");
        System.Console.WriteLine($"sizeof(struct uffd_msg): {Unsafe.SizeOf<UffdMsg>()}");
        """;

    [Fact]
    public void A_project_with_KvmUapiHeader_items_builds_and_agrees_with_clang()
    {
        var arch = TargetArch.X86_64;
        var folder = Directory.CreateTempSubdirectory("kvmsharp-uapi-consumer-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "Consumer.csproj"), Project.Replace("REPO", Repository(), StringComparison.Ordinal));
            File.WriteAllText(Path.Combine(folder.FullName, "Program.cs"), Program);
            var build = Dotnet("build", Path.Combine(folder.FullName, "Consumer.csproj"), "-p:KvmTargetArch=x86_64", "--artifacts-path",
                Path.Combine(folder.FullName, "artifacts"), "-nologo", "-v:q");
            Assert.True(build.ExitCode == 0, $"dotnet build failed:\n{build.Output}");
            var dll = Directory.GetFiles(folder.FullName, "Consumer.dll", SearchOption.AllDirectories).First(f => f.Contains("/bin/", StringComparison.Ordinal));
            var run = Dotnet(dll);
            Assert.True(run.ExitCode == 0, run.Output);
            var facts = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(": ", 2)).ToDictionary(p => p[0], p => p[1].Trim());

            var checks = facts.Select(f => $"_Static_assert({f.Key} == {f.Value}, \"{f.Key}\");");
            var source = Path.Combine(folder.FullName, "check.c");
            File.WriteAllText(source, "#include <linux/ioctl.h>\n#include <linux/vhost.h>\n#include <linux/userfaultfd.h>\n#include <linux/if_tun.h>\n" + string.Join("\n", checks) + "\n");
            var clang = ClangTool.Run(ClangTool.CommonArguments(arch.ClangTriple, arch.DefaultIncludeDirectories).Concat(new[] { "-fsyntax-only", source }));
            Assert.True(clang.ExitCode == 0, $"clang disagrees with the build:\n{clang.StandardError}");
            Assert.Equal(7, facts.Count);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string Repository([CallerFilePath] string here = "")
        => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", ".."));

    // The one process runner of the tests (bounded, no MSBuild node left behind), as the packaging tests use it.
    private static (int ExitCode, string Output) Dotnet(params string[] arguments)
    {
        var run = KvmSharp.Tests.Packaging.DotnetCommand.Run(Environment.CurrentDirectory, null, "dotnet", arguments);
        return (run.ExitCode, run.Output);
    }
}
