using KvmSharp.TestSupport.Mutation;
using KvmSharp.Generator.Model;
using Xunit;
using static KvmSharp.Tests.Robustness.RealHeaderSets;

namespace KvmSharp.Tests.Robustness;

/// <summary>A header the front-end cannot fully read still yields everything it could read.</summary>
public sealed class PartialReadTests
{
    [Fact]
    public void AStrayTokenInOneStructLeavesTheRestOfTheModel()
    {
        var set = X86_64;
        var main = set.Main;
        var inside = NextLineStart(main, Find(main, "struct kvm_userspace_memory_region {"));
        var model = Read(set, new HeaderEdit(main.Path, EditKind.ByteInsert, inside, 0, "@ kvmsharp garbage ]\n"));

        Assert.Contains(model.Diagnostics, d => d.Severity == DiagnosticSeverity.Error && d.Location.File == main.Path);
        Assert.Contains(model.Records, r => r.Tag == "kvm_run");
        Assert.Contains(model.Ioctls, i => i.Name == "KVM_RUN");
        AssertMostOfTheModelSurvives(Read(set), model);
    }

    [Fact]
    public void AStrayTokenInTheArchHeaderLeavesTheMainHeadersModel()
    {
        var set = X86_64;
        var arch = set.ArchHeader!;
        var inside = NextLineStart(arch, Find(arch, "struct kvm_regs {"));
        var model = Read(set, new HeaderEdit(arch.Path, EditKind.ByteInsert, inside, 0, "@@ }\n"));

        Assert.Contains(model.Diagnostics, d => d.Severity == DiagnosticSeverity.Error && d.Location.File == arch.Path);
        Assert.Contains(model.Records, r => r.Tag == "kvm_run");
        Assert.Contains(model.Ioctls, i => i.Name == "KVM_RUN");
        Assert.Contains(model.Ioctls, i => i.Name == "KVM_CREATE_VM");
    }

    [Fact]
    public void ATruncatedHeaderKeepsWhatCameBeforeTheCut()
    {
        var set = X86_64;
        var main = set.Main;
        // Cut just after the "};" that closes struct kvm_run: the include guard is left open.
        var end = Find(main, "\n};\n", Find(main, "struct kvm_run {")) + 4;
        var model = Read(set, new HeaderEdit(main.Path, EditKind.Truncate, end, main.Text.Length - end, ""));

        Assert.Contains(model.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Contains(model.Records, r => r.Tag == "kvm_run");
        Assert.Contains(model.Records, r => r.Tag == "kvm_userspace_memory_region");
        Assert.Contains(model.Constants, c => c.Name == "KVM_API_VERSION");
        Assert.DoesNotContain(model.Ioctls, i => i.Name == "KVM_RUN"); // defined after the cut
        var full = Read(set).Records.Single(r => r.Tag == "kvm_run");
        Assert.Equal(full.Size, model.Records.Single(r => r.Tag == "kvm_run").Size);
    }

    private static HeaderModel Read(HeaderSet set, params HeaderEdit[] edits)
    {
        var outcome = new MutationRunner(set).RunEdits(0, edits);
        Assert.False(outcome.Failed, FailureReport.Describe(set, outcome, fromSeed: false));
        return outcome.Model!;
    }

    // "Most": all but a handful of records and constants, and every ioctl the clean read has.
    private static void AssertMostOfTheModelSurvives(HeaderModel clean, HeaderModel damaged)
    {
        var records = damaged.Records.Select(r => r.Key).ToHashSet();
        var lostRecords = clean.Records.Select(r => r.Key).Where(k => !records.Contains(k)).ToArray();
        Assert.True(lostRecords.Length <= 3, $"lost records: {string.Join(", ", lostRecords)}");
        var constants = damaged.Constants.Select(c => c.Name).ToHashSet();
        var lostConstants = clean.Constants.Select(c => c.Name).Where(n => !constants.Contains(n)).ToArray();
        Assert.True(lostConstants.Length <= 3, $"lost constants: {string.Join(", ", lostConstants.Take(20))}");
        Assert.True(damaged.Ioctls.Count >= clean.Ioctls.Count - 3, $"{damaged.Ioctls.Count} ioctls of {clean.Ioctls.Count}");
    }
}
