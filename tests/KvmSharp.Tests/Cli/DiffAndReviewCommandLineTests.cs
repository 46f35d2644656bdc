using KvmSharp.Tests.Review;
using Xunit;

namespace KvmSharp.Tests.Cli;

/// <summary><c>kvmgen diff</c> and <c>kvmgen review</c> as a user types them, run in-process: options, output and exit status.</summary>
public sealed class DiffAndReviewCommandLineTests
{
    [Fact]
    public void Review_prints_findings_at_file_line_col_and_exits_1()
    {
        using var tree = LockMemslotRfcTree.Create("6.1");
        var args = new List<string> { "review", "--arch", "arm64", "-I", tree.Include, "--api-rst", tree.ApiRst, "--base" };
        args.AddRange(tree.BaseInclude);
        args.Add("--other-include");
        args.AddRange(tree.X86Include);
        var run = KvmgenInvocation.Run(args.ToArray());

        Assert.Equal(1, run.ExitCode);
        var line = LockMemslotRfcTree.Find(tree.KvmHeader, "KVM_CAP_ARM_LOCK_USER_MEMORY_REGION 207").Line;
        Assert.Contains($"{tree.KvmHeader}:{line}:9: KVMR0007: KVM_CAP_ARM_LOCK_USER_MEMORY_REGION is new", run.Stdout);
        Assert.Matches(@"kvmgen review: \d+ findings\n$", run.Stdout.Replace("\r", ""));
    }

    [Fact]
    public void Diff_takes_several_folders_per_side_and_exits_0_without_a_break()
    {
        using var tree = LockMemslotRfcTree.Create("6.1");
        var args = new List<string> { "diff", "--arch", "aarch64", "--old" };
        args.AddRange(tree.BaseInclude);
        args.AddRange(new[] { "--new", tree.Include, "--json" });
        var run = KvmgenInvocation.Run(args.ToArray());

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(0, run.Json.GetProperty("breaks").GetInt32());
        Assert.Equal(6, run.Json.GetProperty("changes").GetArrayLength());
    }

    [Theory]
    [InlineData("review", "--arch", "arm64", "-I", "/nonexistent")]
    [InlineData("review", "--arch", "arm64", "--api-rst", "api.rst")]
    [InlineData("diff", "--arch", "arm64", "--old", "/a")]
    [InlineData("diff", "--arch", "sparc", "--old", "/a", "--new", "/b")]
    public void A_missing_or_wrong_option_is_a_usage_error(params string[] args)
    {
        var run = KvmgenInvocation.Run(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.Contains($"kvmgen {args[0]}", run.Stderr);
    }

    [Fact]
    public void An_api_rst_that_cannot_be_read_says_so_and_exits_1()
    {
        var run = KvmgenInvocation.Run("review", "--arch", "x86_64", "-I", "/nonexistent", "--api-rst", "/nonexistent/api.rst");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("kvmgen: error: cannot read the api.rst /nonexistent/api.rst", run.Stderr);
    }
}
