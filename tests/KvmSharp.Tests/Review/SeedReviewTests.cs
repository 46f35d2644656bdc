using KvmSharp.Cli.Review;
using KvmSharp.Generator.FrontEnd.Targets;
using Xunit;
using Xunit.Abstractions;

namespace KvmSharp.Tests.Review;

/// <summary>
/// The review of "[RFC PATCH v5 02/38] KVM: arm64: Add lock/unlock memslot user API", reproduced: applied to Debian 12's
/// (6.1) arm64 header and api.rst and reviewed against the unpatched tree, kvmgen reports the reviewer's two nits at their
/// lines (api.rst documents KVM_ARM_LOCK_MEMORY_READ/_WRITE, the header defines KVM_ARM_LOCK_MEM_READ/_WRITE; a leftover
/// merge-conflict line) and the rebase collision the series met (207 is KVM_CAP_VM_GPA_BITS on 6.1), and nothing else
/// but what the unpatched tree already gets (<see cref="UnpatchedReviewTests"/>).
/// </summary>
public sealed class SeedReviewTests(ITestOutputHelper output)
{
    private const string Version = "6.1";

    [Fact]
    public void The_review_reports_both_nits_and_the_207_collision_and_nothing_new_besides()
    {
        using var tree = LockMemslotRfcTree.Create(Version);
        var patched = ReviewRun.Of(new ReviewOptions(TargetArch.Arm64, new[] { tree.Include }, tree.ApiRst, tree.BaseInclude, tree.X86Include));
        var unpatched = ReviewRun.Of(new ReviewOptions(TargetArch.Arm64, tree.BaseInclude, tree.Release.ApiRst, tree.BaseInclude, tree.X86Include));
        output.WriteLine(patched.Stdout);

        var read = LockMemslotRfcTree.Find(tree.ApiRst, "KVM_ARM_LOCK_MEMORY_READ");
        var write = LockMemslotRfcTree.Find(tree.ApiRst, "KVM_ARM_LOCK_MEMORY_WRITE");
        var conflict = LockMemslotRfcTree.Find(tree.ApiRst, ">>>>>>> 56641eee289e");
        var capability = LockMemslotRfcTree.Find(tree.KvmHeader, "KVM_CAP_ARM_LOCK_USER_MEMORY_REGION 207");
        var expected = new[]
        {
            (tree.ApiRst, read.Line, read.Column, ReviewIds.UndefinedName, "KVM_ARM_LOCK_MEMORY_READ is not defined by the arm64 header; did you mean KVM_ARM_LOCK_MEM_READ?"),
            (tree.ApiRst, write.Line, write.Column, ReviewIds.UndefinedName, "KVM_ARM_LOCK_MEMORY_WRITE is not defined by the arm64 header; did you mean KVM_ARM_LOCK_MEM_WRITE?"),
            (tree.ApiRst, conflict.Line, 1, ReviewIds.ConflictMarker, null),
            (tree.KvmHeader, capability.Line, 9, ReviewIds.RebaseCollision, null),
        };

        var before = unpatched.Findings.Select(f => f.Key).ToList();
        var added = patched.Findings.ToList();
        foreach (var key in before)
        {
            var same = added.FindIndex(f => f.Key == key);
            Assert.True(same >= 0, $"the unpatched tree's finding '{key}' is missing from the patched tree's review:\n{patched}");
            added.RemoveAt(same);
        }
        Assert.True(added.Count == expected.Length, $"expected the reviewer's two nits and the collision, got:\n{string.Join("\n", added)}");
        foreach (var (file, line, column, id, message) in expected)
        {
            var finding = added.SingleOrDefault(f => f.File == file && f.Line == line && f.Id == id);
            Assert.True(finding is not null, $"no {id} at {file}:{line}:\n{string.Join("\n", added)}");
            Assert.Equal(column, finding.Column);
            if (message is not null)
                Assert.Equal(message, finding.Message);
        }
        var collision = added.Single(f => f.Id == ReviewIds.RebaseCollision).Message;
        Assert.Contains("KVM_CAP_ARM_LOCK_USER_MEMORY_REGION", collision);
        Assert.Contains("207 is already KVM_CAP_VM_GPA_BITS's in the base tree", collision);
        Assert.Contains(">>>>>>> 56641eee289e", added.Single(f => f.Id == ReviewIds.ConflictMarker).Message);
        Assert.Equal(1, patched.ExitCode);
    }

    [Fact]
    public void Without_a_base_the_collision_is_a_duplicate_number_in_the_header()
    {
        using var tree = LockMemslotRfcTree.Create(Version);
        var run = ReviewRun.Of(new ReviewOptions(TargetArch.Arm64, new[] { tree.Include }, tree.ApiRst, null, tree.X86Include));

        var duplicate = Assert.Single(run.Findings, f => f.Id == ReviewIds.DuplicateNumber && f.Subject == "KVM_CAP_VM_GPA_BITS");
        Assert.Contains("capability number 207 of KVM_CAP_ARM_LOCK_USER_MEMORY_REGION", duplicate.Message);
        Assert.DoesNotContain(run.Findings, f => f.Id == ReviewIds.RebaseCollision);
    }

    [Fact]
    public void Taking_the_next_free_number_and_fixing_the_nits_reviews_clean_of_the_patch()
    {
        // What the reviewer asked for: the code's flag names in api.rst, no conflict line, and the capability rebased.
        using var tree = LockMemslotRfcTree.Create(Version,
            header => header.Replace("KVM_CAP_ARM_LOCK_USER_MEMORY_REGION 207", "KVM_CAP_ARM_LOCK_USER_MEMORY_REGION 224"),
            section => section.Replace("KVM_ARM_LOCK_MEMORY_", "KVM_ARM_LOCK_MEM_").Replace(">>>>>>> 56641eee289e (KVM: arm64: Add lock/unlock memslot user API)\n", ""));
        var patched = ReviewRun.Of(new ReviewOptions(TargetArch.Arm64, new[] { tree.Include }, tree.ApiRst, tree.BaseInclude, tree.X86Include));
        var unpatched = ReviewRun.Of(new ReviewOptions(TargetArch.Arm64, tree.BaseInclude, tree.Release.ApiRst, tree.BaseInclude, tree.X86Include));

        Assert.Equal(unpatched.Findings.Select(f => f.Key).Order(), patched.Findings.Select(f => f.Key).Order());
    }
}
