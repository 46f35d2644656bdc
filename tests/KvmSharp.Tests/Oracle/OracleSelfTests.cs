using System.Collections.Immutable;
using KvmSharp.Generator.Model;
using KvmSharp.Generator.FrontEnd.Targets;
using Xunit;

namespace KvmSharp.Tests.Oracle;

/// <summary>
/// The oracle judged by itself, without the front-end: a small header, a model of it written by hand from
/// what clang prints, which must pass; then the same model with one fact wrong, which must fail with a
/// message that names exactly that fact and what clang says instead.
/// </summary>
public sealed class OracleSelfTests : IDisposable
{
    private const string Header = """
        #ifndef SELF_H
        #define SELF_H
        #define A_CONST 5
        #define A_NEG (-1)
        #define A_U (1U << 31)
        #define NOT_CONST "x"
        struct s {
        	unsigned int a : 3, : 0, b : 5;
        	union { int p; struct { char q, r; }; };
        	struct { int k; } named[2];
        	int flex[];
        };
        typedef struct { short x; } td;
        enum e { E1 = -1, E2 = 5 };
        typedef unsigned int u32t;
        #endif

        """;

    private readonly string folder = Directory.CreateTempSubdirectory("kvmsharp-oracle-self-").FullName;
    private readonly string path;

    public OracleSelfTests()
    {
        path = Path.Combine(folder, "self.h");
        File.WriteAllText(path, Header);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private SourceLocation At(int line, int column) => new(path, line, column);

    private static TypeReference Int(CIntegerKind kind, string? spelling = null)
        => new(spelling ?? kind.Spelling(), TypeCategory.Integer, kind.Size(), kind.Size(), kind, kind.IsSigned(true));

    private static EquatableArray<T> Array<T>(params T[] items) where T : IEquatable<T> => ImmutableArray.Create(items);

    private static FieldModel Field(string? name, long offset, long size, TypeReference type, SourceLocation at,
        long[]? dims = null, FlexibleArrayKind flexible = FlexibleArrayKind.None, RecordModel? inline = null, int? bit = null, int? width = null)
        => new(name, offset, size, type, Array(dims ?? System.Array.Empty<long>()), flexible, inline, bit, width, at, null);

    private HeaderModel Model()
    {
        var u = Int(CIntegerKind.UnsignedInt);
        var i = Int(CIntegerKind.Int);
        var c = Int(CIntegerKind.Char);
        var inner = new RecordModel(null, null, RecordKind.Struct, 2, 1,
            Array(Field("q", 0, 1, c, At(9, 31)), Field("r", 1, 1, c, At(9, 34))), false, At(9, 17), null);
        var union = new RecordModel(null, null, RecordKind.Union, 4, 4,
            Array(Field("p", 0, 4, i, At(9, 14)), Field(null, 0, 2, new TypeReference("struct", TypeCategory.Record, 2, 1), At(9, 17), inline: inner)),
            false, At(9, 2), null);
        var element = new RecordModel(null, null, RecordKind.Struct, 4, 4, Array(Field("k", 0, 4, i, At(10, 15))), false, At(10, 2), null);
        var s = new RecordModel("s", null, RecordKind.Struct, 20, 4, Array(
            Field("a", 0, 1, u, At(8, 15), bit: 0, width: 3),
            Field(null, 4, 0, u, At(8, 22), bit: 32, width: 0),
            Field("b", 4, 1, u, At(8, 27), bit: 32, width: 5),
            Field(null, 8, 4, new TypeReference("union", TypeCategory.Record, 4, 4), At(9, 2), inline: union),
            Field("named", 12, 8, new TypeReference("struct", TypeCategory.Record, 4, 4), At(10, 20), new long[] { 2 }, inline: element),
            Field("flex", 20, 0, i, At(11, 6), new long[] { 0 }, FlexibleArrayKind.Incomplete)), false, At(7, 1), null);
        var td = new RecordModel(null, "td", RecordKind.Struct, 2, 2, Array(Field("x", 0, 2, Int(CIntegerKind.Short), At(13, 24))), false, At(13, 9), null);
        return new HeaderModel("x86_64", true, false,
            Array(
                new ConstantModel("A_CONST", 5, CIntegerKind.Int, At(3, 9), null),
                new ConstantModel("A_NEG", ulong.MaxValue, CIntegerKind.Int, At(4, 9), null),
                new ConstantModel("A_U", 0x80000000, CIntegerKind.UnsignedInt, At(5, 9), null)),
            Array(new NonConstantMacro("SELF_H", "empty", At(2, 9), null), new NonConstantMacro("NOT_CONST", "string", At(6, 9), null)),
            Array(s, td),
            Array(new EnumModel("e", null, CIntegerKind.Int, Array(
                new EnumeratorModel("E1", ulong.MaxValue, At(14, 10), null), new EnumeratorModel("E2", 5, At(14, 19), null)), At(14, 1), null)),
            Array(new TypedefModel("u32t", new TypeReference("unsigned int", TypeCategory.Integer, 4, 4, CIntegerKind.UnsignedInt, false),
                EquatableArray<long>.Empty, At(15, 22))),
            EquatableArray<IoctlModel>.Empty, EquatableArray<HeaderDiagnostic>.Empty, Array(path));
    }

    private OracleReport Judge(HeaderModel model) => ClangOracle.Check(model, TargetArch.X86_64, new[] { folder }, "self.h");

    [Fact]
    public void A_correct_model_passes()
    {
        Assert.Null(ClangTool.UnavailableReason);
        var report = Judge(Model());
        Assert.True(report.Mismatches.Count == 0, report.Describe());
        Assert.True(report.FactsChecked > 30, $"only {report.FactsChecked} facts");
        Assert.Equal(5, report.RecordsCompared);
        Assert.Equal(5, report.MacrosClassified);
    }

    [Fact]
    public void A_wrong_member_offset_is_named_with_clangs_value()
    {
        var model = Model();
        var s = model.Records[0];
        var named = s.Fields[4] with { Offset = 16 };
        var wrong = model with { Records = Array(s with { Fields = s.Fields.Items.SetItem(4, named) }, model.Records[1]) };
        var report = Judge(wrong);
        Assert.Contains("record: s.named: offset model 16, clang says 12", report.Mismatches);
        Assert.Contains("layout: s.named: offset model 16, clang says 12", report.Mismatches);
    }

    [Fact]
    public void Wrong_bitfields_and_inline_locations_are_caught_from_the_dump()
    {
        var model = Model();
        var s = model.Records[0];
        var fields = s.Fields.Items
            .SetItem(2, s.Fields[2] with { BitOffset = 35 })
            .SetItem(3, s.Fields[3] with { InlineRecord = s.Fields[3].InlineRecord! with { Location = At(9, 3) } });
        var report = Judge(model with { Records = Array(s with { Fields = fields }, model.Records[1]) });
        Assert.Contains("layout: s.b: bit offset model 35, clang says 32", report.Mismatches);
        Assert.Contains($"layout: s.<anonymous union #3>: inline record location model {path}:9:3, clang says {path}:9:2", report.Mismatches);
    }

    [Fact]
    public void Wrong_constants_and_a_missing_one_are_caught()
    {
        var model = Model();
        var constants = model.Constants.Items
            .SetItem(0, model.Constants[0] with { Value = 6 })
            .SetItem(2, model.Constants[2] with { Type = CIntegerKind.UnsignedLong })
            .RemoveAt(1);
        var report = Judge(model with { Constants = constants });
        Assert.Contains("constant: A_CONST: value model 6, clang says 5", report.Mismatches);
        Assert.Contains("constant: A_U: type model unsigned long, clang says unsigned int", report.Mismatches);
        Assert.Contains(report.Mismatches, m => m.StartsWith("macro-set: A_NEG: model has no such macro, clang says an integer constant", StringComparison.Ordinal));
    }

    [Fact]
    public void Wrong_locations_and_packing_are_caught()
    {
        var model = Model();
        var constants = model.Constants.Items.SetItem(0, model.Constants[0] with { Location = At(3, 10) });
        var s = model.Records[0] with { Location = At(7, 2), IsPacked = true };
        var report = Judge(model with { Constants = constants, Records = Array(s, model.Records[1]) });
        Assert.Contains($"location: A_CONST: constant location model {path}:3:10, clang says {path}:3:9", report.Mismatches);
        Assert.Contains($"location: s: location of the `struct` keyword model {path}:7:2, clang says {path}:7:1", report.Mismatches);
        Assert.Contains("record: s: IsPacked model True, clang says False", report.Mismatches);
    }

    [Fact]
    public void A_wrong_member_type_and_flexible_kind_are_caught()
    {
        var model = Model();
        var s = model.Records[0];
        var fields = s.Fields.Items.SetItem(5, s.Fields[5] with { Flexible = FlexibleArrayKind.ZeroLength });
        var td = model.Records[1];
        var tdFields = td.Fields.Items.SetItem(0, td.Fields[0] with { Type = Int(CIntegerKind.UnsignedShort) });
        var report = Judge(model with { Records = Array(s with { Fields = fields }, td with { Fields = tdFields }) });
        Assert.Contains("record: s.flex: type model int[0], clang says int[]", report.Mismatches);
        Assert.Contains("record: td.x: type model unsigned short, clang says short", report.Mismatches);
        Assert.Contains("layout: td.x: type spelling model `unsigned short`, clang says `short`", report.Mismatches);
    }
}
