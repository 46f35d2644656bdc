using System.Collections.Immutable;
using KvmSharp.Generator.FrontEnd.Targets;
using KvmSharp.Generator.FrontEnd;
using KvmSharp.Generator.Model;
using KvmSharp.Generator;
using Xunit;

namespace KvmSharp.Tests.Oracle;

/// <summary>
/// The oracle must not pass by looking away: the real x86_64 model of <c>linux/kvm.h</c> with one fact
/// made wrong at a time (a constant, an ioctl, a member deep inside anonymous unions, a bitfield inside an
/// array of unnamed unions, a whole record) must fail with a message naming that fact and clang's value.
/// </summary>
public sealed class OracleMutationTests
{
    private static readonly Lazy<(HeaderModel Model, string[] Folders)> Real = new(() =>
    {
        var (folders, _) = KvmHeaderOracleTests.DebianHeaders(TargetArch.X86_64);
        return (HeaderFrontEnd.Read(new HeaderRequest(TargetArch.X86_64, folders, "linux/kvm.h"), DiskHeaderFiles.Instance), folders);
    });

    private static OracleReport Judge(HeaderModel model) => ClangOracle.Check(model, TargetArch.X86_64, Real.Value.Folders, "linux/kvm.h");

    private static HeaderModel ReplaceRecord(HeaderModel model, string key, Func<RecordModel, RecordModel> change)
        => model with { Records = model.Records.Select(r => r.Key == key ? change(r) : r).ToEquatableArray() };

    /// <summary>Rewrites the member at <paramref name="path"/> (names as C writes them, through anonymous members).</summary>
    private static RecordModel ReplaceMember(RecordModel record, string[] path, Func<FieldModel, FieldModel> change)
    {
        var fields = record.Fields.Items;
        for (var i = 0; i < fields.Length; i++)
        {
            var f = fields[i];
            if (f.Name == path[0])
                return record with
                {
                    Fields = fields.SetItem(i, path.Length == 1 ? change(f) : f with { InlineRecord = ReplaceMember(f.InlineRecord!, path[1..], change) }),
                };
            if (f.IsAnonymousRecord && Has(f.InlineRecord!, path[0]))
                return record with { Fields = fields.SetItem(i, f with { InlineRecord = ReplaceMember(f.InlineRecord!, path, change) }) };
        }
        throw new InvalidOperationException($"no member {path[0]} in {record.Key}");
    }

    private static bool Has(RecordModel record, string name)
        => record.Fields.Any(f => f.Name == name || f.IsAnonymousRecord && Has(f.InlineRecord!, name));

    private static FieldModel Member(RecordModel record, params string[] path)
    {
        FieldModel? found = null;
        ReplaceMember(record, path, f => found = f);
        return found!;
    }

    [Fact]
    public void A_wrong_constant_value_is_reported_with_clangs_value()
    {
        var model = Real.Value.Model;
        var wrong = model with
        {
            Constants = model.Constants.Select(c => c.Name == "KVM_API_VERSION" ? c with { Value = c.Value + 1 } : c).ToEquatableArray(),
        };
        Assert.Contains("constant: KVM_API_VERSION: value model 13, clang says 12", Judge(wrong).Mismatches);
    }

    [Fact]
    public void A_wrong_ioctl_number_and_a_missing_constant_are_reported()
    {
        var model = Real.Value.Model;
        var run = model.Ioctls.Single(i => i.Name == "KVM_RUN");
        var wrong = model with
        {
            Ioctls = model.Ioctls.Select(i => i == run ? i with { Number = i.Number + 1 } : i).ToEquatableArray(),
            Constants = model.Constants.Where(c => c.Name != "KVM_EXIT_MMIO").ToEquatableArray(),
        };
        var report = Judge(wrong);
        Assert.Contains($"ioctl: KVM_RUN: _IOC_NR model {run.Number + 1}, clang says {run.Number}", report.Mismatches);
        Assert.Contains(report.Mismatches, m => m.StartsWith("macro-set: KVM_EXIT_MMIO: model has no such macro, clang says an integer constant", StringComparison.Ordinal));
    }

    [Fact]
    public void A_member_inside_an_anonymous_union_is_reported_by_its_C_name()
    {
        var model = Real.Value.Model;
        var port = Member(model.Records.Single(r => r.Key == "kvm_run"), "io", "port");
        var wrong = ReplaceRecord(model, "kvm_run", r => ReplaceMember(r, new[] { "io", "port" }, f => f with { Offset = f.Offset + 2 }));
        var report = Judge(wrong);
        Assert.Contains($"record: kvm_run.io.port: offset model {port.Offset + 2}, clang says {port.Offset}", report.Mismatches);
        Assert.Contains($"layout: kvm_run.io.port: offset model {port.Offset + 2}, clang says {port.Offset}", report.Mismatches);
    }

    [Fact]
    public void A_bitfield_inside_an_array_of_unnamed_unions_is_checked_from_the_dump()
    {
        var model = Real.Value.Model;
        var mode = Member(model.Records.Single(r => r.Key == "kvm_ioapic_state"), "redirtbl", "fields", "delivery_mode");
        Assert.True(mode.IsBitfield);
        var wrong = ReplaceRecord(model, "kvm_ioapic_state",
            r => ReplaceMember(r, new[] { "redirtbl", "fields", "delivery_mode" }, f => f with { BitOffset = f.BitOffset + 1, BitWidth = f.BitWidth + 1 }));
        var report = Judge(wrong);
        Assert.Contains($"layout: kvm_ioapic_state.redirtbl.fields.delivery_mode: bit offset model {mode.BitOffset + 1}, clang says {mode.BitOffset}", report.Mismatches);
        Assert.Contains($"layout: kvm_ioapic_state.redirtbl.fields.delivery_mode: bit width model {mode.BitWidth + 1}, clang says {mode.BitWidth}", report.Mismatches);
    }

    [Fact]
    public void A_missing_record_and_a_wrong_inline_location_are_reported()
    {
        var model = Real.Value.Model;
        var io = Member(model.Records.Single(r => r.Key == "kvm_run"), "io");
        var moved = io.InlineRecord!.Location with { Column = io.InlineRecord.Location.Column + 1 };
        var wrong = ReplaceRecord(model, "kvm_run", r => ReplaceMember(r, new[] { "io" }, f => f with { InlineRecord = f.InlineRecord! with { Location = moved } }));
        wrong = wrong with { Records = wrong.Records.Where(r => r.Key != "kvm_debugregs").ToEquatableArray() };
        var report = Judge(wrong);
        Assert.Contains("record-set: kvm_debugregs: record clang has, missing from the model", report.Mismatches);
        Assert.Contains(report.Mismatches, m => m.StartsWith($"layout: kvm_run.io: inline record location model {moved}, clang says ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_wrong_typedef_and_enumerator_are_reported()
    {
        var model = Real.Value.Model;
        var wrong = model with
        {
            Typedefs = model.Typedefs.Select(t => t.Name == "__u32"
                ? t with { Target = t.Target with { Spelling = "int", Integer = CIntegerKind.Int, IsSigned = true } }
                : t).ToEquatableArray(),
            Enums = model.Enums.Select(e => e with
            {
                Enumerators = e.Enumerators.Select(v => v.Name == "kvm_ioeventfd_flag_nr_pio" ? v with { Value = v.Value + 7 } : v).ToEquatableArray(),
            }).ToEquatableArray(),
        };
        var report = Judge(wrong);
        Assert.Contains("typedef: __u32: target model int, clang says unsigned int", report.Mismatches);
        Assert.Contains(report.Mismatches, m => m.StartsWith("enum: ", StringComparison.Ordinal) && m.Contains(".kvm_ioeventfd_flag_nr_pio: value model 8, clang says 1"));
    }
}
