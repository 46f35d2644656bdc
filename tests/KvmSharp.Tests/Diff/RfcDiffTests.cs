using System.Text.Json;
using KvmSharp.Cli.Diff;
using KvmSharp.Generator.FrontEnd.Targets;
using KvmSharp.Tests.Review;
using Xunit;
using Xunit.Abstractions;

namespace KvmSharp.Tests.Diff;

/// <summary>
/// <c>kvmgen diff</c> across the lock-memslot RFC applied to 6.1's arm64 header (<see cref="LockMemslotRfcTree"/>): one new
/// capability and five flags, no break; and across variants of the patch that break the ABI, or grow it into reserved space.
/// </summary>
public sealed class RfcDiffTests(ITestOutputHelper output)
{
    private static (int Status, string Stdout, string Stderr) Run(LockMemslotRfcTree tree, bool json = false)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var status = DiffCommand.Run(new DiffOptions(TargetArch.Arm64, tree.BaseInclude, new[] { tree.Include }, Json: json), stdout, stderr);
        return (status, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void The_RFC_adds_one_capability_and_five_flags_and_breaks_nothing()
    {
        using var tree = LockMemslotRfcTree.Create("6.1");
        var (status, text, stderr) = Run(tree);
        output.WriteLine(text + stderr);

        Assert.Equal(0, status);
        Assert.EndsWith("0 ABI breaks; added: 1 capability, 5 flags; removed: nothing; changed: nothing\n", text);
        Assert.Contains("  capability KVM_CAP_ARM_LOCK_USER_MEMORY_REGION = 207 (0xcf)\n", text);
        Assert.Contains("  flag KVM_ARM_LOCK_MEM_WRITE = 2; under KVM_ARM_LOCK_USER_MEMORY_REGION_FLAGS_LOCK\n", text);
        Assert.Contains("  flag KVM_ARM_UNLOCK_MEM_ALL = 1; under KVM_ARM_LOCK_USER_MEMORY_REGION_FLAGS_UNLOCK\n", text);

        using var json = JsonDocument.Parse(Run(tree, json: true).Stdout);
        var changes = json.RootElement.GetProperty("changes").EnumerateArray().ToList();
        Assert.Equal(0, json.RootElement.GetProperty("breaks").GetInt32());
        Assert.StartsWith("6.1.", json.RootElement.GetProperty("old").GetProperty("linux_version").GetString());
        Assert.Equal(
            new[] { "KVM_ARM_LOCK_MEM_READ", "KVM_ARM_LOCK_MEM_WRITE", "KVM_ARM_LOCK_USER_MEMORY_REGION_FLAGS_LOCK",
                "KVM_ARM_LOCK_USER_MEMORY_REGION_FLAGS_UNLOCK", "KVM_ARM_UNLOCK_MEM_ALL", "KVM_CAP_ARM_LOCK_USER_MEMORY_REGION" },
            changes.Select(c => c.GetProperty("name").GetString()).Order());
        Assert.All(changes, c => Assert.Equal("added", c.GetProperty("change").GetString()));
    }

    [Fact]
    public void Changing_an_existing_ioctls_direction_is_an_ABI_break_listed_first_and_exits_1()
    {
        using var tree = LockMemslotRfcTree.Create("6.1", h => h.Replace("_IOR(KVMIO,  0xb4, struct kvm_arm_copy_mte_tags)", "_IOWR(KVMIO,  0xb4, struct kvm_arm_copy_mte_tags)"));
        var (status, text, _) = Run(tree);
        output.WriteLine(text);

        Assert.Equal(1, status);
        Assert.Contains("\nABI breaks (1):\n  ioctl KVM_ARM_MTE_COPY_TAGS: direction _IOR -> _IOWR\n", text);
        Assert.True(text.IndexOf("ABI breaks", StringComparison.Ordinal) < text.IndexOf("Added", StringComparison.Ordinal));
        using var json = JsonDocument.Parse(Run(tree, json: true).Stdout);
        var first = json.RootElement.GetProperty("changes")[0];
        Assert.Equal(("ioctl", "KVM_ARM_MTE_COPY_TAGS", true), (first.GetProperty("item").GetString(), first.GetProperty("name").GetString(), first.GetProperty("break").GetBoolean()));
    }

    [Fact]
    public void A_field_taking_reserved_space_is_compatible_and_growing_the_struct_is_a_break()
    {
        const string Pad = "__u8  pad[64];";
        using (var grown = LockMemslotRfcTree.Create("6.1", h => ReplaceIn(h, "struct kvm_enable_cap", Pad, "__u64 cookie;\n\t__u8  pad[56];")))
        {
            var (status, text, _) = Run(grown);
            output.WriteLine(text);
            Assert.Equal(0, status);
            Assert.Contains("  record kvm_enable_cap: field pad: offset 40 -> 48, size 64 -> 56, type __u8[64] -> __u8[56]; " +
                "field cookie (__u64 at 40 size 8) added in reserved space\n", text);
        }
        using (var broken = LockMemslotRfcTree.Create("6.1", h => ReplaceIn(h, "struct kvm_enable_cap", Pad, "__u64 cookie;\n\t__u8  pad[64];")))
        {
            var (status, text, _) = Run(broken);
            output.WriteLine(text);
            Assert.Equal(1, status);
            Assert.Contains("\nABI breaks (2):\n", text);
            Assert.Contains("  record kvm_enable_cap: size 104 -> 112; field cookie (__u64 at 40 size 8) added in reserved space; field pad: offset 40 -> 48\n", text);
            // The ioctl takes the struct: its size, so its request number, changed too.
            Assert.Contains("  ioctl KVM_ENABLE_CAP: size 104 -> 112\n", text);
        }
    }

    private static string ReplaceIn(string text, string within, string old, string @new)
    {
        var start = text.IndexOf(within + " {", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no '{within} {{' in the header");
        var at = text.IndexOf(old, start, StringComparison.Ordinal);
        return text.Remove(at, old.Length).Insert(at, @new);
    }
}
