using System.Collections.Immutable;
using KvmSharp.Generator.FrontEnd.Targets;
using KvmSharp.TestSupport.GeneratorInputs;
using Microsoft.CodeAnalysis;
using Xunit;

namespace KvmSharp.Tests.Generation;

/// <summary>The generator finds linux/version.h among the AdditionalFiles the targets' <c>linux/**/*.h</c> glob gives it.</summary>
public sealed class HeaderInfoGenerationTests
{
    [Fact]
    public void KvmHeaderInfoHasTheVersionOfTheVersionHeaderAmongTheAdditionalFiles()
    {
        var arch = TargetArch.X86_64;
        var versionH = arch.DefaultIncludeDirectories.Select(d => d + "/linux/version.h").First(File.Exists);
        var headers = GeneratorHarness.RealHeaders(arch).Add(new InMemoryAdditionalText(versionH, File.ReadAllText(versionH)));

        var driver = GeneratorHarness.Driver(headers, GeneratorHarness.Properties(arch)).RunGeneratorsAndUpdateCompilation(
            GeneratorHarness.Compilation("class C { object V = KvmSharp.KvmHeaderInfo.LinuxVersion!; }"), out var output, out _);

        var info = driver.GetRunResult().GeneratedTrees.Single(t => t.FilePath.EndsWith("KvmHeaderInfo.g.cs", StringComparison.Ordinal)).ToString();
        // The header's own LINUX_VERSION_CODE, decoded by hand here: (major << 16) + (minor << 8) + sublevel.
        var code = int.Parse(File.ReadAllLines(versionH).Single(l => l.StartsWith("#define LINUX_VERSION_CODE ", StringComparison.Ordinal)).Split(' ')[2]);
        Assert.Contains($"new global::System.Version({code >> 16}, {(code >> 8) & 0xff}, ", info);
        Assert.Contains($"LinuxVersionCode {{ get; }} = {code};", info);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }
}
