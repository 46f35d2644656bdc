using System.Text;
using System.Text.Json;
using Xunit;

namespace KvmSharp.Tests.Cli;

/// <summary>
/// <c>kvmgen dump --arch x86_64</c> with the default folders against what the host C compiler prints for the
/// same installed headers: the numbers a VMM cares about first. (Full layouts are checked against clang in
/// the Oracle tests; this checks the command's wiring end to end.)
/// </summary>
public sealed class DumpVersusHostCompilerTests
{
    private static readonly string[] Constants =
    {
        "KVM_API_VERSION", "KVM_RUN", "KVM_GET_MSRS", "KVM_SET_MSRS", "KVM_CREATE_VM", "KVM_GET_API_VERSION",
        "KVM_SET_USER_MEMORY_REGION", "KVM_GET_REGS", "KVM_CAP_ARM_MTE", "KVM_CAP_IRQCHIP", "KVM_CAP_USER_MEMORY",
        "KVM_EXIT_IO", "KVM_EXIT_MMIO", "KVM_IOAPIC_NUM_PINS",
    };

    private static readonly string[] Ioctls = { "KVM_RUN", "KVM_GET_MSRS", "KVM_SET_MSRS", "KVM_GET_REGS", "KVM_SET_USER_MEMORY_REGION" };

    private static readonly string[] Records = { "kvm_run", "kvm_msrs", "kvm_regs", "kvm_ioapic_state", "kvm_userspace_memory_region" };

    private static readonly (string Record, string Member)[] Members =
    {
        ("kvm_run", "exit_reason"), ("kvm_run", "io"), ("kvm_run", "mmio"), ("kvm_run", "s"),
        ("kvm_msrs", "entries"), ("kvm_ioapic_state", "redirtbl"), ("kvm_regs", "rip"),
    };

    private static readonly Lazy<IReadOnlyDictionary<string, ulong>> Expected = new(ProbeHostCompiler);

    private static JsonElement Dump
    {
        get
        {
            var result = KvmgenInvocation.DefaultX86_64Dump;
            Assert.True(result.ExitCode == 0, result.ToString());
            return result.Json;
        }
    }

    [HostCCompilerFact]
    public void Constants_match_the_host_compiler()
    {
        var constants = Dump.GetProperty("constants");

        foreach (var name in Constants)
        {
            Assert.True(constants.TryGetProperty(name, out var value), $"{name} missing from constants");
            Assert.True(Expected.Value[name] == value.GetUInt64(), $"{name}: C says {Expected.Value[name]}, kvmgen says {value}");
        }
    }

    [HostCCompilerFact]
    public void Ioctls_decode_as_the_headers_own_IOC_macros_do()
    {
        var ioctls = Dump.GetProperty("ioctls");
        var read = Expected.Value["_IOC_READ"];
        var write = Expected.Value["_IOC_WRITE"];

        foreach (var name in Ioctls)
        {
            Assert.True(ioctls.TryGetProperty(name, out var ioctl), $"{name} missing from ioctls");
            var dir = Expected.Value[$"_IOC_DIR({name})"];
            var expectedDir = (dir & read) != 0 ? ((dir & write) != 0 ? "read_write" : "read") : (dir & write) != 0 ? "write" : "none";
            Assert.Equal((name, expectedDir), (name, ioctl.GetProperty("dir").GetString()));
            Assert.Equal((name, Expected.Value[$"_IOC_TYPE({name})"]), (name, ioctl.GetProperty("type").GetUInt64()));
            Assert.Equal((name, Expected.Value[$"_IOC_NR({name})"]), (name, ioctl.GetProperty("nr").GetUInt64()));
            Assert.Equal((name, Expected.Value[$"_IOC_SIZE({name})"]), (name, ioctl.GetProperty("size").GetUInt64()));
        }
    }

    [HostCCompilerFact]
    public void Record_sizes_alignments_and_member_offsets_match_the_host_compiler()
    {
        foreach (var name in Records)
        {
            var record = DumpedRecords.Record(Dump, name);
            Assert.Equal((name, Expected.Value[$"sizeof(struct {name})"]), (name, record.GetProperty("size").GetUInt64()));
            Assert.Equal((name, Expected.Value[$"_Alignof(struct {name})"]), (name, record.GetProperty("align").GetUInt64()));
        }

        foreach (var (record, member) in Members)
        {
            var offset = DumpedRecords.Member(DumpedRecords.Record(Dump, record), member).Offset;
            var key = $"offsetof(struct {record}, {member})";
            Assert.Equal((key, Expected.Value[key]), (key, (ulong)offset));
        }
    }

    [HostCCompilerFact]
    public void The_spec_examples_have_the_spec_shape()
    {
        var run = DumpedRecords.Record(Dump, "kvm_run");
        var anonymousUnion = run.GetProperty("fields").EnumerateArray().First(f => f.TryGetProperty("anonymous", out _));
        Assert.Equal(JsonValueKind.Null, anonymousUnion.GetProperty("name").ValueKind);
        Assert.Equal("union", anonymousUnion.GetProperty("record").GetProperty("kind").GetString());
        Assert.False(anonymousUnion.TryGetProperty("type", out _));
        Assert.Equal("__u8", DumpedRecords.Member(run, "request_interrupt_window").Field.GetProperty("type").GetString());

        var redirtbl = DumpedRecords.Member(DumpedRecords.Record(Dump, "kvm_ioapic_state"), "redirtbl").Field;
        Assert.Equal(new[] { 24L }, redirtbl.GetProperty("array").EnumerateArray().Select(d => d.GetInt64()));
        var fields = DumpedRecords.Member(redirtbl.GetProperty("record"), "fields").Field.GetProperty("record");
        var mask = DumpedRecords.Member(fields, "mask").Field;
        Assert.Equal(16, mask.GetProperty("bit_offset").GetInt32());
        Assert.Equal(1, mask.GetProperty("bit_width").GetInt32());
        Assert.Equal("__u8", mask.GetProperty("type").GetString());
        Assert.False(DumpedRecords.Member(fields, "vector").Field.TryGetProperty("bit_width", out _));

        var entries = DumpedRecords.Member(DumpedRecords.Record(Dump, "kvm_msrs"), "entries").Field;
        Assert.Equal("incomplete", entries.GetProperty("flexible").GetString());
        Assert.Equal(0, entries.GetProperty("size").GetInt64());
        Assert.Equal(new[] { 0L }, entries.GetProperty("array").EnumerateArray().Select(d => d.GetInt64()));

        var kvmRun = Dump.GetProperty("ioctls").GetProperty("KVM_RUN");
        Assert.Equal(JsonValueKind.Null, kvmRun.GetProperty("arg").ValueKind);
        Assert.Equal("vcpu", kvmRun.GetProperty("scope").GetString());
        Assert.Equal(JsonValueKind.Array, kvmRun.GetProperty("requires").ValueKind);
        Assert.Equal("struct kvm_msrs", Dump.GetProperty("ioctls").GetProperty("KVM_GET_MSRS").GetProperty("arg").GetString());
        Assert.Equal("system", Dump.GetProperty("ioctls").GetProperty("KVM_CREATE_VM").GetProperty("scope").GetString());
    }

    // One program prints every expected value as "key value" lines, so the compiler runs once.
    private static IReadOnlyDictionary<string, ulong> ProbeHostCompiler()
    {
        var probes = new List<string> { "_IOC_READ", "_IOC_WRITE" };
        probes.AddRange(Constants);
        foreach (var name in Ioctls)
            probes.AddRange(new[] { $"_IOC_DIR({name})", $"_IOC_TYPE({name})", $"_IOC_NR({name})", $"_IOC_SIZE({name})" });
        foreach (var name in Records)
            probes.AddRange(new[] { $"sizeof(struct {name})", $"_Alignof(struct {name})" });
        probes.AddRange(Members.Select(m => $"offsetof(struct {m.Record}, {m.Member})"));

        var source = new StringBuilder("#include <stddef.h>\n#include <stdio.h>\n#include <linux/kvm.h>\nint main(void)\n{\n");
        foreach (var probe in probes)
            source.Append($"    printf(\"%s\\t%llu\\n\", \"{probe}\", (unsigned long long)({probe}));\n");
        source.Append("    return 0;\n}\n");

        return HostCCompiler.CompileAndRun(source.ToString())
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))
            .ToDictionary(parts => parts[0], parts => ulong.Parse(parts[1]));
    }
}
