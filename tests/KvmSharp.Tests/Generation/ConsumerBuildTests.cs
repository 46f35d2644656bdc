using System.Runtime.CompilerServices;
using KvmSharp.Generator.FrontEnd.Targets;
using KvmSharp.Tests.Oracle;
using Xunit;

namespace KvmSharp.Tests.Generation;

/// <summary>
/// Builds tests/GeneratorConsumer as a user would, with MSBuild, the generator as an analyzer and
/// KvmSharp.targets, for each required target, runs what it prints through clang for that target.
/// </summary>
public sealed class ConsumerBuildTests
{
    [Theory]
    [InlineData("x86_64", "KvmPitState2")]
    [InlineData("arm64", "KvmVcpuInit")]
    public void The_consumer_builds_from_the_installed_header_and_agrees_with_clang(string archName, string archOnlyType)
    {
        var arch = TargetArch.Find(archName)!;
        var output = Directory.CreateTempSubdirectory("kvmsharp-consumer-");
        try
        {
            var generated = Path.Combine(output.FullName, "generated");
            var build = Dotnet("build", ConsumerProject(), $"-p:KvmTargetArch={archName}", "--artifacts-path", output.FullName,
                "-p:EmitCompilerGeneratedFiles=true", $"-p:CompilerGeneratedFilesOutputPath={generated}", "-nologo", "-v:q");
            Assert.True(build.ExitCode == 0, $"dotnet build failed for {archName}:\n{build.Output}");

            var files = Directory.GetFiles(generated, "*.g.cs", SearchOption.AllDirectories);
            Assert.Contains(files, f => File.ReadAllText(f).Contains($"struct {archOnlyType}", StringComparison.Ordinal));

            var dll = Directory.GetFiles(output.FullName, "GeneratorConsumer.dll", SearchOption.AllDirectories).First(f => f.Contains("/bin/", StringComparison.Ordinal));
            var run = Dotnet(dll);
            Assert.True(run.ExitCode == 0, run.Output);
            var facts = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.Split(": ", 2))
                .ToDictionary(parts => parts[0], parts => parts[1].Trim());

            var checks = new[]
            {
                $"_Static_assert(KVM_API_VERSION == {facts["KVM_API_VERSION"]}, \"KVM_API_VERSION\");",
                $"_Static_assert(KVM_RUN == {facts["KVM_RUN"]}, \"KVM_RUN\");",
                $"_Static_assert(KVM_CAP_USER_MEMORY == {facts["KVM_CAP_USER_MEMORY"]}, \"KVM_CAP_USER_MEMORY\");",
                $"_Static_assert(sizeof(struct kvm_run) == {facts["sizeof(struct kvm_run)"]}, \"kvm_run\");",
                $"_Static_assert(sizeof(struct kvm_userspace_memory_region) == {facts["sizeof(struct kvm_userspace_memory_region)"]}, \"region\");",
            };
            var source = Path.Combine(output.FullName, "check.c");
            File.WriteAllText(source, "#include <linux/kvm.h>\n" + string.Join("\n", checks) + "\n");
            var clang = ClangTool.Run(ClangTool.CommonArguments(arch.ClangTriple, arch.DefaultIncludeDirectories).Concat(new[] { "-fsyntax-only", source }));
            Assert.True(clang.ExitCode == 0, $"clang disagrees with the {archName} build:\n{clang.StandardError}");
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    private static string ConsumerProject([CallerFilePath] string here = "")
        => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "GeneratorConsumer", "GeneratorConsumer.csproj"));

    // The one process runner of the tests (bounded, no MSBuild node left behind), as the packaging tests use it.
    private static (int ExitCode, string Output) Dotnet(params string[] arguments)
    {
        var run = KvmSharp.Tests.Packaging.DotnetCommand.Run(Environment.CurrentDirectory, null, "dotnet", arguments);
        return (run.ExitCode, run.Output);
    }
}
