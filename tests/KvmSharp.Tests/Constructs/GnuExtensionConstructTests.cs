using KvmSharp.Generator.FrontEnd.Targets;
using Xunit;
using static KvmSharp.Tests.Constructs.ConstructHeaders;

namespace KvmSharp.Tests.Constructs;

/// <summary>
/// The GNU C and C11 spellings uAPI headers are written in besides plain declarations: keyword variants,
/// qualifiers, attributes with underscores, static assertions and inline functions to skip, bitfields of
/// typedef and enum type, and attributes whose value depends on the target.
/// </summary>
public sealed class GnuExtensionConstructTests : IDisposable
{
    private readonly ConstructHeaders headers = new();

    public void Dispose() => headers.Dispose();

    [Fact]
    public void Keyword_variants_qualifiers_and_underscored_attributes()
    {
        var model = headers.AssertClangAgrees("""
            typedef __signed__ char s8;
            typedef unsigned char u8;
            struct __attribute__((__packed__)) gnu {
            	__extension__ union { int i; u8 b[4]; };
            	const int c;
            	volatile unsigned short v;
            	__volatile__ s8 sv;
            	int *__restrict r;
            	const char *const name;
            	unsigned long long al __attribute__((__aligned__(8)));
            	signed s;
            	unsigned u;
            	long int li;
            	long unsigned int lui;
            	short int si;
            };
            _Static_assert(sizeof(int) == 4, "int is 32 bits");
            static __inline__ int helper(int x) { struct local { int y; } l = { x }; if (x) { return l.y; } return 0; }
            static inline void nothing(void) { }
            struct after_functions { int z; };

            """);
        Assert.Contains(model.Records, r => r.Tag == "after_functions");
        Assert.DoesNotContain(model.Records, r => r.Tag == "local");
    }

    [Fact]
    public void Asm_labels_before_and_after_attributes_as_glibcs_redirects_write_them()
    {
        // glibc's __REDIRECT and __REDIRECT_NTH: `name proto __asm__ (__ASMNAME (#alias))`, the latter after __THROW.
        var model = headers.AssertClangAgrees("""
            #define ASMNAME(cname) "" #cname
            extern int open64_alias(const char *path, int flags, ...) __asm__ (ASMNAME (open64));
            extern int stat_alias(const char *path) __attribute__ ((__nothrow__ , __leaf__)) __asm__ ("" "stat64") __attribute__ ((__nonnull__ (1)));
            extern long counter __asm ("kvmsharp_counter"), other asm("kvmsharp_other");
            struct after_labels { int z; };

            """);
        Assert.Contains(model.Records, r => r.Tag == "after_labels");
    }

    [Fact]
    public void Bitfields_of_typedef_and_enum_type_and_in_unions()
    {
        headers.AssertClangAgrees("""
            typedef unsigned char u8;
            typedef unsigned short u16;
            enum mode { MODE_A, MODE_B, MODE_C };
            struct typed_bits {
            	u8 a : 3, b : 5;
            	u16 c : 9;
            	enum mode m : 2;
            	u8 d : 1;
            };
            union bit_union {
            	unsigned int raw;
            	struct { unsigned int lo : 12, mid : 12, hi : 8; } f;
            	u8 x : 4;
            };

            """);
    }

    [Theory]
    [InlineData("x86_64")]
    [InlineData("arm64")]
    [InlineData("riscv64")]
    [InlineData("ppc64le")]
    [InlineData("s390x")]
    public void Target_dependent_attributes_and_types(string target)
    {
        headers.AssertClangAgrees("""
            struct max_aligned { char c; } __attribute__((aligned));
            struct holds_max { char c; struct max_aligned m; };
            struct ld { char c; long double d; };
            #define WCHAR_SIZE sizeof(L'a')
            #define LD_ALIGN _Alignof(long double)
            #define MAX_ALIGN _Alignof(struct max_aligned)

            """, TargetArch.Find(target));
    }
}
