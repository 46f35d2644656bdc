using KvmSharp.Generator.Model;
using KvmSharp.Generator.FrontEnd.Targets;
using KvmSharp.Tests.Constructs;
using Xunit;

namespace KvmSharp.Tests.Emission.Records;

/// <summary>
/// One C construct per test in a header of a few lines: the emitted C# is a reviewed baseline, compiles
/// without a warning for net8.0 and net10.0, and lays out as clang-14 does for the target.
/// </summary>
public sealed class RecordConstructTests : IDisposable
{
    private readonly ConstructHeaders headers = new();

    public void Dispose() => headers.Dispose();

    [Fact]
    public void Nested_anonymous_struct_and_union() => Check("anonymous", """
        /* The header of a run. */
        struct run_like {
        	unsigned char tag; /* what ran */
        	union {
        		struct {
        			unsigned short port;
        			unsigned int count;
        		} io;
        		struct {
        			union { unsigned long long word; unsigned int half[2]; };
        			int depth;
        		};
        		char padding[24];
        	};
        	struct { union { int i; char c[5]; } u; } deep;
        };
        """);

    [Fact]
    public void Arrays_of_unnamed_records_and_multi_dimensional_arrays() => Check("arrays", """
        struct table {
        	union {
        		unsigned long long bits;
        		struct { unsigned char lo; unsigned int hi; } parts;
        	} rows[3][2];
        	short grid[2][3][4];
        	void *names[2][2];
        	struct { char c; } bytes[5];
        	double weights[2];
        	float ratio;
        };
        """);

    [Fact]
    public void Flexible_arrays_incomplete_and_zero_length() => Check("flexible", """
        struct entry { unsigned int index; unsigned long long data; };
        struct c99 { unsigned int count; struct entry entries[]; };
        struct gnu { unsigned short count; unsigned int words[0]; };
        struct grid_rows { unsigned int n; unsigned short rows[][3]; };
        #define DECLARE_FLEX(type, name) struct { struct { } __empty_ ## name; type name[]; }
        struct wrapped {
        	unsigned int n;
        	union {
        		DECLARE_FLEX(int, a);
        		DECLARE_FLEX(long, b);
        	};
        };
        struct named_union {
        	unsigned int n;
        	union {
        		DECLARE_FLEX(struct entry, first);
        		DECLARE_FLEX(unsigned char, raw);
        	} data;
        };
        """);

    [Fact]
    public void Bitfields_little_endian() => Check("bitfields", Bitfields);

    [Fact]
    public void Bitfields_big_endian_s390x() => Check("bitfields-s390x", Bitfields, TargetArch.S390x);

    [Fact]
    public void Packed_and_aligned_records() => Check("packed-aligned", """
        struct tight { char a; unsigned long long b; short c; } __attribute__((packed));
        struct tight_array { char head; struct tight items[3]; };
        struct wide { char a; } __attribute__((aligned(16)));
        struct holds_wide { char head; struct wide w; int __attribute__((aligned(8))) tail; };
        """);

    [Fact]
    public void Records_under_pragma_pack() => Check("pragma-pack", """
        #pragma pack(push, 2)
        struct two { char c; int i; unsigned long long l; };
        struct bits { char c; unsigned int x : 20; unsigned int y : 14; };
        #pragma pack(1)
        struct one { char c; struct two t; double d[2]; };
        #pragma pack(pop)
        struct natural { char c; struct one o; int i; };
        """);

    [Fact]
    public void Gnu_empty_struct_and_typedef_of_anonymous_struct() => Check("empty-typedef", """
        struct nothing { };
        struct around { int a; struct nothing gap; int b; };
        typedef struct { unsigned int x, y; } point_t;
        struct uses_point { point_t p; point_t more[2]; };
        """);

    [Fact]
    public void Int128_on_arm64() => Check("int128", """
        struct vectors { unsigned int fpsr; __uint128_t v[2]; __int128 s; };
        struct vectors_packed { char a; unsigned __int128 v; } __attribute__((packed));
        """, TargetArch.Arm64);

    [Fact]
    public void Clashing_names() => Check("names", """
        struct value { int value; int Value; int equals; int to_string; };
        struct kvm_ioctl { int x; };
        struct fixed_array4 { int y; };
        struct outer { union { int anonymous; int anonymous_union; }; struct { int a; } a_struct; struct { int b; } a; };
        """);

    private const string Bitfields = """
        struct flags {
        	unsigned int low : 3, mid : 7;
        	signed int neg : 5;
        	unsigned int : 0;
        	unsigned char byte_wide : 8;
        	unsigned long long wide : 40;
        	_Bool on : 1;
        	int one : 1;
        };
        struct straddle { char c; unsigned long long v : 61; } __attribute__((packed));
        union either { unsigned int whole; struct { unsigned short lo : 4, hi : 12; }; unsigned char top : 2; };
        """;

    private void Check(string name, string header, TargetArch? arch = null)
    {
        arch ??= TargetArch.X86_64;
        // The oracle first: the model these records come from is clang's, so a failure below is the emitter's.
        var model = headers.AssertClangAgrees(header + "\n", arch);
        Baseline.Verify($"Records/{name}.cs.txt", RecordSources.Text(model));
        RecordAssertions.CompilesCleanly(model);
        RecordAssertions.CompilesCleanly(model, new Generator.Emission.EmitOptions("Consumer.Kvm", Public: true));
        RecordAssertions.ClangAgrees(model, arch, new[] { headers.Folder }, "construct.h");
    }
}
