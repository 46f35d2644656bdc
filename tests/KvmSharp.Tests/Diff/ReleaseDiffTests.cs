using KvmSharp.Cli.Diff;
using KvmSharp.Generator.FrontEnd.Targets;
using KvmSharp.Tests.Kernels;
using KvmSharp.Tests.Oracle;
using Xunit;
using Xunit.Abstractions;

namespace KvmSharp.Tests.Diff;

/// <summary><c>kvmgen diff</c> across Debian's releases, its claims held against clang-14 on both trees.</summary>
public sealed class ReleaseDiffTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(ReleaseDiffs.Steps), MemberType = typeof(ReleaseDiffs))]
    public void The_diff_between_consecutive_releases(string oldVersion, string newVersion, string archName)
    {
        var arch = TargetArch.Find(archName)!;
        var old = KernelRelease.Get(oldVersion);
        var @new = KernelRelease.Get(newVersion);
        var report = ReleaseDiffs.Between(old, @new, arch);
        output.WriteLine(DiffReportWriter.Text(report, old.ToString(), @new.ToString()));
        Assert.True(ClangTool.UnavailableReason is null, ClangTool.UnavailableReason);

        var (wrong, claims) = DiffClaims.Check(report, ReleaseDiffs.Model(old, arch), ReleaseDiffs.Model(@new, arch), arch,
            old.IncludeDirectories(arch), @new.IncludeDirectories(arch));

        output.WriteLine($"{claims} claims checked against clang-14");
        Assert.True(wrong.Count == 0, $"{wrong.Count} claims of the diff clang contradicts:\n" + string.Join("\n", wrong.Take(30)));
        // Not vacuous: the releases differ, and the check saw their records.
        Assert.Contains(report.Changes, c => c.Change == AbiChangeKind.Added && c.Item == AbiItemKind.Capability);
        Assert.True(claims > 1000, $"only {claims} claims checked");
    }
}
