using KvmSharp.Generator.Model;
using KvmSharp.Generator.FrontEnd.Targets;
using Xunit;
using static KvmSharp.Tests.Constructs.ConstructHeaders;

namespace KvmSharp.Tests.Constructs;

/// <summary>
/// One C construct of struct and union layout per test, in a header of a few lines, judged by clang through
/// the oracle; a few direct asserts state what clang prints for the same header.
/// </summary>
public sealed class RecordLayoutConstructTests : IDisposable
{
    private readonly ConstructHeaders headers = new();

    public void Dispose() => headers.Dispose();

    [Fact]
    public void Nested_and_anonymous_structs_and_unions()
    {
        var model = headers.AssertClangAgrees("""
            struct outer {
            	int head;
            	union {
            		long as_long;
            		struct { short lo, hi; };
            		struct { char tag; } named;
            	};
            	struct { union { int i; char c[5]; } u; } deep;
            	struct inner_tagged { short s; } tagged;
            };

            """);
        var outer = Record(model, "outer");
        // Offsets are relative to the enclosing record: as_long is at 0 in the anonymous union, which is at 8.
        Assert.Equal(0, Field(outer, "as_long").Offset);
        Assert.Equal(8, outer.Fields[1].Offset);
        Assert.True(outer.Fields[1].IsAnonymousRecord);
        var union = outer.Fields[1].InlineRecord!.Location;
        Assert.Equal((headers.PathOf("construct.h"), 3, 2), (Path.GetFullPath(union.File), union.Line, union.Column));
        Assert.Contains(model.Records, r => r.Tag == "inner_tagged");
    }

    [Fact]
    public void Arrays_of_unnamed_records_and_multi_dimensional_arrays()
    {
        var model = headers.AssertClangAgrees("""
            struct table {
            	union {
            		unsigned long long bits;
            		struct { unsigned char lo; unsigned int hi; } parts;
            	} rows[3][2];
            	short grid[2][3][4];
            	char *names[2][2];
            	struct { char c; } bytes[5];
            };

            """);
        var rows = Field(Record(model, "table"), "rows");
        Assert.Equal(new long[] { 3, 2 }, rows.ArrayDimensions.ToArray());
        Assert.Equal(48, rows.Size);
        Assert.Equal(new long[] { 2, 3, 4 }, Field(Record(model, "table"), "grid").ArrayDimensions.ToArray());
    }

    [Fact]
    public void Flexible_array_members_incomplete_and_zero_length()
    {
        var model = headers.AssertClangAgrees("""
            struct entry { unsigned int index; unsigned long long data; };
            struct c99 { unsigned int count; struct entry entries[]; };
            struct gnu { unsigned short count; unsigned int words[0]; };
            struct only_zero { char none[0]; };
            struct wrapped {
            	unsigned int n;
            	union {
            		struct { struct { } empty_a; int a[]; };
            		struct { struct { } empty_b; long b[]; };
            	};
            };

            """);
        var c99 = Field(Record(model, "c99"), "entries");
        Assert.Equal(FlexibleArrayKind.Incomplete, c99.Flexible);
        Assert.Equal((8L, 0L), (c99.Offset, c99.Size));
        Assert.Equal(FlexibleArrayKind.ZeroLength, Field(Record(model, "gnu"), "words").Flexible);
        Assert.Equal(0, Record(model, "only_zero").Size);
    }

    [Fact]
    public void Bitfields_crossing_units_zero_width_and_unnamed()
    {
        var model = headers.AssertClangAgrees("""
            struct bits {
            	unsigned int a : 30, b : 4;
            	unsigned char c : 7, d : 3;
            	char e : 3;
            	int f : 20;
            	int : 0;
            	short g : 5;
            	unsigned int : 3;
            	unsigned long long h : 33, i : 33;
            	long j : 1;
            	_Bool k : 1;
            	unsigned int : 0;
            	char m;
            };
            struct __attribute__((packed)) packed_bits { char c; unsigned int x : 12; unsigned int y : 12; };

            """);
        var bits = Record(model, "bits");
        var b = Field(bits, "b");
        Assert.Equal((4L, 32, 4), (b.Offset, b.BitOffset!.Value, b.BitWidth!.Value));
        Assert.Contains(bits.Fields, f => f.Name is null && f.BitWidth == 0);
        Assert.Contains(bits.Fields, f => f.Name is null && f.BitWidth == 3);
    }

    [Theory]
    [InlineData("x86_64")]
    [InlineData("arm64")]
    [InlineData("riscv64")]
    [InlineData("ppc64le")]
    [InlineData("s390x")]
    public void Bitfields_with_aligned_attributes_packed_and_under_pragma_pack(string target)
    {
        // The corners where the bitfield rules meet aligned, packed and #pragma pack: a zero-width bitfield keeps its
        // alignment (and an aligned attribute's) under pack, an aligned attribute larger than the pack is ignored, and
        // on arm64 alone unnamed bitfields align the record, zero-width ones whatever packed or pack say.
        var model = headers.AssertClangAgrees("""
            struct zero_aligned { char c; int : 0 __attribute__((aligned(16))); char d; };
            struct named_aligned { char c; char x : 4 __attribute__((aligned(16))); };
            struct unnamed_aligned { char c; char : 4 __attribute__((aligned(16))); };
            struct unnamed_long { char a; long : 3; };
            struct packed_zero { char c; int : 0; char d; } __attribute__((packed));
            struct member_packed { char c; unsigned int x : 28 __attribute__((packed)); char d; };
            #pragma pack(1)
            struct zero_aligned_pack1 { char c; int : 0 __attribute__((aligned(16))); char d; };
            struct zero_pack1 { char c; int : 0; char d; };
            struct unnamed_long_pack1 { char a; long : 3; };
            #pragma pack(2)
            struct aligned4_pack2 { char c; int x : 4 __attribute__((aligned(4))); };
            struct aligned2_pack2 { char c; int x : 4 __attribute__((aligned(2))); };
            struct straddles_pack2 { char c; unsigned int x : 28; };
            #pragma pack()

            """, TargetArch.Find(target));

        var arm64 = target == "arm64";
        Assert.Equal(16, Field(Record(model, "zero_aligned"), "d").Offset);
        Assert.Equal(16, Field(Record(model, "zero_aligned_pack1"), "d").Offset);
        Assert.Equal(arm64 ? 16 : 1, Record(model, "zero_aligned_pack1").Align);
        Assert.Equal(arm64 ? 4 : 1, Record(model, "zero_pack1").Align);
        Assert.Equal(8, Field(Record(model, "aligned4_pack2"), "x").BitOffset);
        Assert.Equal(16, Field(Record(model, "aligned2_pack2"), "x").BitOffset);
        Assert.Equal((8, 6L), (Field(Record(model, "straddles_pack2"), "x").BitOffset!.Value, Record(model, "straddles_pack2").Size));
        Assert.Equal(arm64 ? 8L : 2L, Record(model, "unnamed_long").Size);
    }

    [Fact]
    public void Bitfields_on_big_endian_s390x_count_from_the_most_significant_bit()
    {
        const string text = """
            struct be {
            	unsigned char lo : 3, hi : 5;
            	unsigned int x : 12, y : 12, z : 12;
            	unsigned short : 0;
            	unsigned long long w : 40;
            };

            """;
        var model = headers.AssertClangAgrees(text, TargetArch.S390x);
        Assert.True(model.IsBigEndian);
        // Allocation order is the same numbering on both byte orders; only the bits' weight differs.
        Assert.Equal(3, Field(Record(model, "be"), "hi").BitOffset);
    }

    [Fact]
    public void Packed_and_aligned_attributes_on_records_and_members()
    {
        var model = headers.AssertClangAgrees("""
            typedef unsigned long long u64_aligned __attribute__((aligned(8)));
            struct __attribute__((packed)) packed_front { char c; int i; long long l; };
            struct packed_back { char c; int i; } __attribute__((packed));
            struct member_packed { char c; int i __attribute__((packed)); short s; };
            struct aligned16 { char c; } __attribute__((aligned(16)));
            struct member_aligned { char c; int i __attribute__((aligned(8))); u64_aligned u; };
            struct uses { char c; struct packed_front p; struct aligned16 a; };
            struct packed_aligned { char c; int i; } __attribute__((packed, aligned(4)));

            """);
        Assert.True(Record(model, "packed_front").IsPacked);
        Assert.Equal((13L, 1), (Record(model, "packed_front").Size, Record(model, "packed_front").Align));
        Assert.Equal((16L, 16), (Record(model, "aligned16").Size, Record(model, "aligned16").Align));
        Assert.Equal(8, Field(Record(model, "member_aligned"), "i").Offset);
    }

    [Fact]
    public void GNU_empty_struct_has_size_zero()
    {
        var model = headers.AssertClangAgrees("""
            struct empty { };
            struct holds_empty { int a; struct empty e; int b; };
            union empty_union { };

            """);
        Assert.Equal((0L, 1), (Record(model, "empty").Size, Record(model, "empty").Align));
        Assert.Equal(4, Field(Record(model, "holds_empty"), "b").Offset);
    }

    [Fact]
    public void Int128_types()
    {
        var model = headers.AssertClangAgrees("""
            struct wide {
            	char c;
            	__int128 a;
            	unsigned __int128 b;
            	__int128_t c2;
            	__uint128_t d;
            };

            """);
        Assert.Equal((80L, 16), (Record(model, "wide").Size, Record(model, "wide").Align));
        Assert.Equal(CIntegerKind.UnsignedInt128, Field(Record(model, "wide"), "d").Type.Integer);
    }

    [Theory]
    [InlineData("x86_64")]
    [InlineData("arm64")]
    [InlineData("riscv64")]
    [InlineData("ppc64le")]
    [InlineData("s390x")]
    public void Scalar_sizes_and_alignments_follow_the_target(string target)
    {
        headers.AssertClangAgrees("""
            struct scalars {
            	char c; long double ld; char d; double db; char e; long l; char f; void *p;
            	char g; float fl; char h; void (*fn)(int); char i; _Bool b; char j; long long ll;
            };

            """, TargetArch.Find(target));
    }
}
