using KvmSharp.Generator.Facts;
using Xunit;

namespace KvmSharp.Tests.Kernels;

/// <summary>The shipped fact table reads cleanly and knows every ioctl of every header of every release.</summary>
public sealed class IoctlFactCoverageTests
{
    [Fact]
    public void The_shipped_table_parses_without_a_problem()
    {
        using var stream = typeof(IoctlFactTable).Assembly.GetManifestResourceStream(IoctlFactTable.ResourceName);
        Assert.NotNull(stream);
        var problems = new List<string>();
        var table = IoctlFactTable.Parse(new StreamReader(stream).ReadToEnd(), problems);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Equal(table.All.Count, IoctlFactTable.BuiltIn.All.Count);
    }

    [Theory]
    [MemberData(nameof(KernelRelease.Versions), MemberType = typeof(KernelRelease))]
    public void Every_ioctl_the_headers_of_the_release_define_is_in_the_table(string version)
    {
        var release = KernelRelease.Get(version);
        var missing = new List<string>();
        var targets = ReleaseHeaders.Targets(release).ToList();
        // 5.10 and 6.1 come with x86_64 and arm64 headers only; from 6.12 on all five.
        Assert.True(targets.Count >= 2, $"{release}: headers of {targets.Count} targets");
        foreach (var arch in targets)
        {
            var ioctls = ReleaseHeaders.Ioctls(release, arch);
            Assert.True(ioctls.Count > 50, $"{release} {arch}: only {ioctls.Count} ioctls read from {string.Join(", ", release.IncludeDirectories(arch))}");
            missing.AddRange(ioctls.Where(n => IoctlFactTable.BuiltIn.Find(n) is null).Select(n => $"{n} ({arch})"));
        }
        Assert.True(missing.Count == 0, $"{release}: not in IoctlFacts.txt: {string.Join(", ", missing.Distinct().OrderBy(n => n, StringComparer.Ordinal))}");
    }
}
