using KvmSharp.Generator.Model;
using Xunit;
using static KvmSharp.Tests.Constructs.ConstructHeaders;

namespace KvmSharp.Tests.Constructs;

/// <summary>Enums, typedefs and an ioctl macro family of the test's own, judged by clang through the oracle.</summary>
public sealed class DeclarationConstructTests : IDisposable
{
    private readonly ConstructHeaders headers = new();

    public void Dispose() => headers.Dispose();

    [Fact]
    public void Enums_values_and_underlying_types()
    {
        var model = headers.AssertClangAgrees("""
            #define BASE 10
            enum counting { ZERO, ONE, FIVE = 5, SIX, FROM_MACRO = BASE + 1, FROM_PREVIOUS = SIX * 2 };
            enum negative { MINUS = -3, AFTER_MINUS };
            enum big_unsigned { TOP = 0xffffffff };
            enum wider { HUGE_VALUE = 0x100000000 };
            enum wider_negative { FAR_NEGATIVE = -0x100000000LL };
            enum { ANONYMOUS_A = 7, ANONYMOUS_B };
            typedef enum { TYPEDEF_A, TYPEDEF_B = 'x' } typedef_enum;
            typedef enum tagged_and_named { TN_A = 1 << 4 } tagged_and_named_t;
            enum trailing_comma { TC_A, TC_B, };
            struct uses_enum { enum counting c; typedef_enum t; enum wider w; };

            """);
        var counting = model.Enums.Single(e => e.Tag == "counting");
        Assert.Equal(CIntegerKind.UnsignedInt, counting.Underlying);
        Assert.Equal(new ulong[] { 0, 1, 5, 6, 11, 12 }, counting.Enumerators.Select(v => v.Value).ToArray());
        Assert.Equal(CIntegerKind.Int, model.Enums.Single(e => e.Tag == "negative").Underlying);
        Assert.Equal(unchecked((ulong)-2), model.Enums.Single(e => e.Tag == "negative").Enumerators[1].Value);
        Assert.Contains(model.Enums, e => e.Tag is null && e.TypedefName == "typedef_enum");
    }

    [Fact]
    public void Typedefs_of_scalars_arrays_pointers_and_unnamed_records()
    {
        var model = headers.AssertClangAgrees("""
            typedef unsigned int u32;
            typedef u32 le32;
            typedef le32 chained;
            typedef char name16[16];
            typedef name16 names[2];
            typedef void *opaque;
            typedef struct forward *forward_ptr;
            typedef void (*callback)(int, void *);
            typedef struct { u32 a; chained b; name16 n; } unnamed_t;
            typedef union { u32 u; float f; } unnamed_union_t;
            typedef struct tagged { int x; } tagged_t, *tagged_ptr;
            typedef double real;
            struct uses { unnamed_t one; unnamed_union_t two; tagged_t three; names ns; opaque o; callback cb; forward_ptr fp; real r; };

            """);
        var unnamed = Record(model, "unnamed_t");
        Assert.Null(unnamed.Tag);
        Assert.Equal("unnamed_t", unnamed.TypedefName);
        Assert.Equal(new long[] { 16 }, model.Typedefs.Single(t => t.Name == "name16").ArrayDimensions.ToArray());
        Assert.Equal(TypeCategory.Integer, model.Typedefs.Single(t => t.Name == "chained").Target.Category);
        Assert.Equal("le32", model.Typedefs.Single(t => t.Name == "chained").Target.Spelling);
    }

    [Fact]
    public void An_ioctl_family_of_the_headers_own_IOC_macros()
    {
        // Not the kernel's encoding: the front-end must decode with whatever _IOC_* the header defines.
        var model = headers.AssertClangAgrees("""
            #define _IOC_NONE 0U
            #define _IOC_WRITE 2U
            #define _IOC_READ 1U
            #define _IOC(d, t, n, s) (((d) << 30) | ((s) << 16) | ((t) << 8) | (n))
            #define _IOC_DIR(r) (((r) >> 30) & 3U)
            #define _IOC_SIZE(r) (((r) >> 16) & 0x3fffU)
            #define _IOC_TYPE(r) (((r) >> 8) & 0xffU)
            #define _IOC_NR(r) ((r) & 0xffU)
            #define _IO(t, n) _IOC(_IOC_NONE, (t), (n), 0)
            #define _IOR(t, n, a) _IOC(_IOC_READ, (t), (n), sizeof(a))
            #define _IOW(t, n, a) _IOC(_IOC_WRITE, (t), (n), sizeof(a))
            #define _IOWR(t, n, a) _IOC(_IOC_READ | _IOC_WRITE, (t), (n), sizeof(a))
            #define MYIO 0xAB
            struct my_arg { int a; long b; };
            /* ioctls for /dev/kvm fds */
            #define MY_PING _IO(MYIO, 1)
            #define MY_GET _IOR(MYIO, 2, struct my_arg)
            /* ioctls for VM fds */
            #define MY_SET _IOW(MYIO, 3, int)
            #define MY_XCHG _IOWR(MYIO, 0x14, struct my_arg)
            #define NOT_AN_IOCTL (MYIO + 1)

            """);
        var ioctls = model.Ioctls.ToDictionary(i => i.Name);
        Assert.Equal(new[] { "MY_GET", "MY_PING", "MY_SET", "MY_XCHG" }, ioctls.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal((IoctlDirection.None, 0xABu, 1u, 0u), (ioctls["MY_PING"].Direction, ioctls["MY_PING"].Type, ioctls["MY_PING"].Number, ioctls["MY_PING"].Size));
        Assert.Null(ioctls["MY_PING"].Argument);
        Assert.Equal((IoctlDirection.Read, 16u, "struct my_arg"), (ioctls["MY_GET"].Direction, ioctls["MY_GET"].Size, ioctls["MY_GET"].Argument!.Spelling));
        Assert.Equal((IoctlDirection.Write, "int"), (ioctls["MY_SET"].Direction, ioctls["MY_SET"].Argument!.Spelling));
        Assert.Equal((IoctlDirection.ReadWrite, 0x14u, 16u), (ioctls["MY_XCHG"].Direction, ioctls["MY_XCHG"].Number, ioctls["MY_XCHG"].Size));
        Assert.Equal(IoctlScope.System, ioctls["MY_GET"].Scope);
        Assert.Equal(IoctlScope.Vm, ioctls["MY_SET"].Scope);
    }
}
