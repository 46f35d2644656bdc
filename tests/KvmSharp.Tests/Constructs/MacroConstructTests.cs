using KvmSharp.Generator.Model;
using KvmSharp.Generator.FrontEnd.Targets;
using KvmSharp.Tests.Oracle;
using Xunit;
using static KvmSharp.Tests.Constructs.ConstructHeaders;

namespace KvmSharp.Tests.Constructs;

/// <summary>
/// The preprocessor and constant expressions, one construct per test: which macros are integer constants,
/// their values and C types (clang decides both through the oracle), and conditional inclusion.
/// </summary>
public sealed class MacroConstructTests : IDisposable
{
    private readonly ConstructHeaders headers = new();

    public void Dispose() => headers.Dispose();

    [Fact]
    public void Has_include_answers_as_include_would_search()
    {
        headers.Write("present.h", "#define FROM_PRESENT 1\n");
        var model = headers.AssertClangAgrees("""
            #define HEADER <present.h>
            #if __has_include(<present.h>)
            #define ANGLED_FOUND 1
            #endif
            #if __has_include("present.h") && __has_include(HEADER)
            #define QUOTED_AND_MACRO_FOUND 2
            #endif
            #if !__has_include(<kvmsharp_absent.h>)
            #define ABSENT_NOT_FOUND 3
            #endif
            #if defined(__has_include) && defined __has_include_next
            #define OPERATORS_DEFINED 4
            #endif
            #ifdef __has_include
            #define IFDEF_SEES_IT 5
            #endif

            """);

        Assert.Equal(new[] { "ANGLED_FOUND", "QUOTED_AND_MACRO_FOUND", "ABSENT_NOT_FOUND", "OPERATORS_DEFINED", "IFDEF_SEES_IT" },
            model.Constants.Select(c => c.Name).Where(n => n != "FROM_PRESENT").ToArray());
    }

    [Theory]
    [InlineData("x86_64")]
    [InlineData("arm64")]
    public void Feature_checks_take_the_branches_clang_takes(string archName)
    {
        // clang's stddef.h and glibc's sys/cdefs.h ask these; each branch defines another constant, so a branch taken
        // where clang does not take it is a constant clang lacks (or the reverse).
        var model = headers.AssertClangAgrees("""
            #define FEATURE_NAME modules
            #define ATTRIBUTE_NAME packed
            #if !__has_feature(modules)
            #define NO_MODULES 1
            #endif
            #if __has_feature(FEATURE_NAME)
            #define FEATURE_OPERAND_EXPANDED 2
            #endif
            #define NAME_OF(x) x
            #if __has_attribute(ATTRIBUTE_NAME) && __has_attribute(__aligned__) && __has_attribute(NAME_OF(packed))
            #define ATTRIBUTE_OPERAND_EXPANDED 3
            #endif
            #ifdef __has_extension
            # define glibc_has_extension(ext) __has_extension (ext)
            #else
            # define glibc_has_extension(ext) 0
            #endif
            #if glibc_has_extension (c_generic_selections)
            #define HAVE_GENERIC_SELECTION 4
            #endif
            #if __has_builtin(__builtin_expect) && !__has_builtin(__builtin_kvmsharp_absent)
            #define GENERIC_BUILTIN 5
            #endif
            #if __has_builtin(__builtin_ia32_pause)
            #define X86_BUILTIN 6
            #endif
            #if __has_builtin(__builtin_arm_isb)
            #define ARM_BUILTIN 7
            #endif
            #if __has_builtin(__builtin_operator_new) == 201802L
            #define BUILTIN_VALUE 8
            #endif
            #if defined(__has_feature) && defined __has_builtin && defined(__has_attribute)
            #define OPERATORS_DEFINED 9
            #endif
            #if __has_attribute(nocf_check)
            #define TARGET_ATTRIBUTE 10
            #endif

            """, TargetArch.Find(archName));

        var own = archName == "x86_64" ? new[] { "X86_BUILTIN", "TARGET_ATTRIBUTE" } : new[] { "ARM_BUILTIN" };
        Assert.Equal(new[] { "NO_MODULES", "ATTRIBUTE_OPERAND_EXPANDED", "HAVE_GENERIC_SELECTION", "GENERIC_BUILTIN", "BUILTIN_VALUE", "OPERATORS_DEFINED" }.Concat(own).Order(),
            model.Constants.Select(c => c.Name).Where(n => !n.EndsWith("_NAME", StringComparison.Ordinal)).Order());
    }

    [Theory]
    [InlineData("x86_64")]
    [InlineData("arm64")]
    [InlineData("riscv64")]
    [InlineData("ppc64le")]
    [InlineData("s390x")]
    public void The_built_in_freestanding_headers_define_what_clangs_own_define(string archName)
    {
        // No C library in the folder: the front-end's built-in headers against clang's resource headers, which clang
        // gets after the folder, where the front-end searches its own.
        Assert.True(ClangTool.UnavailableReason is null, ClangTool.UnavailableReason);
        var arch = TargetArch.Find(archName)!;
        headers.Write("freestanding.h", """
            #include <stddef.h>
            #include <stdint.h>
            #include <limits.h>
            #include <stdarg.h>
            #include <stdbool.h>
            struct uses_them { size_t size; ptrdiff_t difference; wchar_t wide; max_align_t aligned; uint8_t u8; int64_t s64;
            	uintptr_t pointer; intmax_t biggest; int_least16_t least; uint_fast32_t fast; bool flag; };
            #define OFFSET_OF_FLAG offsetof(struct uses_them, flag)
            #define VA_LIST_SIZE sizeof(va_list)
            #define VA_LIST_ALIGN _Alignof(va_list)

            """);
        var model = headers.Read("freestanding.h", arch);
        Assert.DoesNotContain(model.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        var resource = ClangTool.ResourceIncludeDirectory;
        var report = ClangOracle.Check(model, arch, new[] { headers.Folder, resource }, "freestanding.h");
        // The headers are KvmSharp's own text, not clang's: where each is, the names of its guards and helper macros,
        // and max_align_t's member names differ by design. The types, layouts and every value the model has must not.
        // va_list's records are the compiler's own, in no header (clang's are implicit too), so the oracle cannot name
        // them: VA_LIST_SIZE and VA_LIST_ALIGN hold their layout.
        var mismatches = report.Mismatches.Where(m => !m.StartsWith("macro-set:", StringComparison.Ordinal)
            && !m.StartsWith("location:", StringComparison.Ordinal) && !m.Contains("max_align_t.", StringComparison.Ordinal)
            && !m.Contains("__va_list", StringComparison.Ordinal) && !m.Contains("va_list:", StringComparison.Ordinal)).ToList();
        Assert.True(mismatches.Count == 0, $"{arch.Name}: {mismatches.Count} mismatches:\n" + string.Join("\n", mismatches.Take(50)));
        Assert.True(report.FactsChecked > 100, $"only {report.FactsChecked} facts checked");
        Assert.Contains(model.Constants, c => c.Name == "UINTPTR_MAX");
        Assert.Contains(model.Constants, c => c.Name == "VA_LIST_SIZE");
        Assert.Contains(model.Records, r => r.Tag == "uses_them");
    }

    [Fact]
    public void A_feature_check_without_an_identifier_is_an_error_at_its_line()
    {
        headers.Write("bad.h", "#if __has_feature(1)\n#endif\n");
        var model = headers.Read("bad.h");
        var error = Assert.Single(model.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("KVMH0007", error.Id);
        Assert.Equal(1, error.Location.Line);
        Assert.Contains("expected one identifier in '__has_feature(...)'", error.Message);
    }

    [Fact]
    public void Type_names_inside_constant_expressions_inside_type_names()
    {
        // Each sizeof's operand is read by a parser of its own that shares the header's scope: a record it defines is the
        // header's, and the typedefs and records declared before it are known.
        var model = headers.AssertClangAgrees("""
            typedef unsigned short nested_u16;
            struct sized_by_nesting { char bytes[sizeof(char[sizeof(struct nested_in_member { int i[sizeof(long)]; })])]; };
            #define NESTED_SIZE sizeof(char[sizeof(struct sized_by_nesting) + sizeof(char[sizeof(nested_u16)])])
            #define NESTED_CAST ((nested_u16)sizeof(int[sizeof(nested_u16)]))

            """);

        Assert.Equal(34UL, Constant(model, "NESTED_SIZE").Value);
        Assert.Equal(8UL, Constant(model, "NESTED_CAST").Value);
        Assert.Equal(32L, Record(model, "sized_by_nesting").Size);
    }

    [Fact]
    public void Macros_nothing_uses_are_judged_without_a_diagnostic()
    {
        // clang reports a bad paste or a wrong argument count only where the macro is used; at the end of the header an
        // unused one is just not a constant, with the reason.
        var model = headers.AssertClangAgrees("""
            #define GLUE(a, b) a ## b
            #define BAD_PASTE GLUE(+, -)
            #define WRONG_ARITY GLUE(1)
            #define FINE GLUE(1, 2)

            """);

        Assert.Empty(model.Diagnostics);
        Assert.Equal(12UL, Constant(model, "FINE").Value);
        Assert.Contains(model.NonConstants, n => n.Name == "BAD_PASTE");
        Assert.Contains(model.NonConstants, n => n.Name == "WRONG_ARITY" && n.Reason.Contains("takes 2 arguments, but 1 were given"));
    }

    [Fact]
    public void Object_and_function_like_macros_stringizing_pasting_and_nested_expansion()
    {
        var model = headers.AssertClangAgrees("""
            #define PLAIN 42
            #define TWICE(x) ((x) * 2)
            #define USES_TWICE TWICE(PLAIN + 1)
            #define GLUE(a, b) a ## b
            #define PASTED GLUE(0x, 1f)
            #define PASTED_NAME GLUE(PL, AIN)
            #define STR(x) #x
            #define STRING STR(abc)
            #define LEVEL3 (LEVEL2 + 1)
            #define LEVEL2 (LEVEL1 << 2)
            #define LEVEL1 3
            #define SELF SELF
            #define EMPTY
            #define NOT_YET_DEFINED LATER_NAME
            #define CALLS_LATER TWICE(LEVEL1)
            #define ARGS_PRESCAN TWICE(GLUE(LEVEL, 1))

            """);
        Assert.Equal(86UL, Constant(model, "USES_TWICE").Value);
        Assert.Equal(31UL, Constant(model, "PASTED").Value);
        Assert.Equal(42UL, Constant(model, "PASTED_NAME").Value);
        Assert.Equal(13UL, Constant(model, "LEVEL3").Value);
        Assert.Contains(model.NonConstants, n => n.Name == "STRING");
        Assert.Contains(model.NonConstants, n => n.Name == "SELF");
        Assert.Contains(model.NonConstants, n => n.Name == "EMPTY");
        Assert.DoesNotContain(model.Constants, c => c.Name == "TWICE");
    }

    [Fact]
    public void Conditional_inclusion_with_defined_elif_and_target_macros()
    {
        var model = headers.AssertClangAgrees("""
            #define FEATURE 2
            #if defined(FEATURE) && FEATURE > 3
            #define PICKED 1
            #elif defined FEATURE && FEATURE == 2
            #define PICKED 2
            #else
            #define PICKED 3
            #endif
            #ifdef __x86_64__
            #define ARCH_X86 1
            #elif defined(__aarch64__)
            #define ARCH_ARM 1
            #endif
            #ifndef NOT_DEFINED
            #define NEGATED 1
            #endif
            #if !defined(__BIG_ENDIAN__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
            #define LITTLE 1
            #endif
            #if 0
            #define DEAD 1
            #if garbage ( that is never evaluated
            #endif
            #elif (1 ? 0 : 1/0)
            #define DEAD 2
            #elif -1 > 0u
            #define UNSIGNED_IN_IF 1
            #endif
            #if UNDEFINED_NAME == 0 && (0x7fffffffffffffff + 0 > 0)
            #define UNDEFINED_IS_ZERO 1
            #endif
            #if __STDC_VERSION__ >= 201112L && __GNUC__ >= 4 && __SIZEOF_POINTER__ == 8 && __CHAR_BIT__ == 8
            #define MODERN 1
            #endif

            """);
        Assert.Equal(2UL, Constant(model, "PICKED").Value);
        Assert.Contains(model.Constants, c => c.Name == "ARCH_X86");
        Assert.DoesNotContain(model.Constants, c => c.Name == "DEAD");
        Assert.Contains(model.Constants, c => c.Name == "UNSIGNED_IN_IF");
    }

    [Theory]
    [InlineData("x86_64")]
    [InlineData("arm64")]
    [InlineData("s390x")]
    public void Constant_expressions_promotions_and_usual_arithmetic_conversions(string target)
    {
        var model = headers.AssertClangAgrees("""
            struct sized { char c; long long l; };
            #define SHIFT_UNSIGNED (1U << 31)
            #define SHIFT_SIGNED (1 << 30)
            #define MINUS_ONE -1
            #define MINUS_ONE_UL (-1UL)
            #define MINUS_ONE_ULL (-1ULL)
            #define HEX_UINT 0xffffffff
            #define DEC_LONG 2147483648
            #define NEG_LONG -2147483648
            #define HEX_LONG 0x7fffffffffffffff
            #define HEX_ULONG 0x8000000000000000
            #define OCTAL 0777
            #define BINARY 0b1010
            #define SUFFIXES (10u + 10l + 10ll + 10LU + 10uLL)
            #define CHAR_A 'a'
            #define CHAR_ESC '\n'
            #define CHAR_HEX '\x41'
            #define CHAR_HIGH '\xff'
            #define CAST_CHAR ((char)200)
            #define CAST_SCHAR ((signed char)200)
            #define CAST_UCHAR ((unsigned char)-1)
            #define CAST_SHORT ((short)-1)
            #define CAST_USHORT ((unsigned short)70000)
            #define CAST_BOOL ((_Bool)5)
            #define CAST_INT ((int)0x80000000)
            #define CAST_LONG ((long)-1)
            #define CAST_TYPEDEF ((my_u16)-1)
            #define TERNARY_UNSIGNED (1 ? -1 : 0U)
            #define TERNARY_LONG (0 ? 1 : 2L)
            #define SIZEOF_RECORD sizeof(struct sized)
            #define SIZEOF_TIMES (sizeof(int) * 2)
            #define ALIGNOF_LD _Alignof(long double)
            #define GNU_ALIGNOF __alignof__(long long)
            #define NOT_ZERO (!0)
            #define COMPLEMENT (~0)
            #define COMPLEMENT_U (~0U)
            #define DIVIDE (-7 / 2)
            #define MODULO (-7 % 3)
            #define ARITH_SHIFT (-8 >> 1)
            #define COMPARE ((3 > 2) + (2U > -1))
            #define LOGICAL (0 || 2 && 3)
            #define COMMA_FREE ((1, 2) + 0)
            #define MIXED (1U + -2)
            #define LONG_SHIFT (1ULL << 63)
            #define PROMOTE_CHAR (CAST_UCHAR + 1)
            #define SHORT_TIMES (CAST_USHORT * CAST_USHORT)
            #define UNARY_PLUS (+CAST_UCHAR)
            #define DOUBLE_VALUE (1.5)
            #define DOUBLE_CAST ((int)2.9)
            typedef unsigned short my_u16;

            """, TargetArch.Find(target));
        Assert.Equal(CIntegerKind.UnsignedInt, Constant(model, "HEX_UINT").Type);
        Assert.Equal(CIntegerKind.Long, Constant(model, "DEC_LONG").Type);
        Assert.Equal(ulong.MaxValue, Constant(model, "MINUS_ONE").Value);
        Assert.Equal(CIntegerKind.Int, Constant(model, "CHAR_A").Type);
        Assert.Equal(CIntegerKind.UnsignedLong, Constant(model, "SIZEOF_TIMES").Type);
    }

    [Theory]
    [InlineData("x86_64", 0xffffffffffffffffUL)]
    [InlineData("arm64", 255UL)]
    public void Plain_char_signedness_follows_the_target(string target, ulong expected)
    {
        var model = headers.AssertClangAgrees("""
            #define CHAR_MINUS_ONE ((char)-1)
            #define CHAR_IS_SIGNED (((char)-1) < 0)
            #define WIDE_CHAR L'a'
            struct holds_char { char c; };

            """, TargetArch.Find(target));
        Assert.Equal(expected, Constant(model, "CHAR_MINUS_ONE").Value);
        Assert.Equal(CIntegerKind.Char, Constant(model, "CHAR_MINUS_ONE").Type);
    }

    [Fact]
    public void Macros_defined_undefined_and_redefined_keep_the_last_state()
    {
        var model = headers.AssertClangAgrees("""
            #define GONE 1
            #undef GONE
            #define AGAIN 1
            #undef AGAIN
            #define AGAIN 2
            #define SAME (3)
            #define SAME (3)

            """);
        Assert.DoesNotContain(model.Constants, c => c.Name == "GONE");
        Assert.Equal(2UL, Constant(model, "AGAIN").Value);
    }

    [Fact]
    public void Included_files_are_read_and_their_macros_placed_in_them()
    {
        headers.Write("sub/inner.h", "#define INNER_VALUE (OUTER_VALUE + 1)\n#ifndef INNER_H\n#define INNER_H\nstruct inner_rec { int x; };\n#endif\n");
        headers.Write("sub/quoted.h", "#include \"inner.h\"\n#define QUOTED 5\n");
        var model = headers.AssertClangAgrees("""
            #ifndef OUTER_H
            #define OUTER_H
            #define OUTER_VALUE 10
            #include <sub/quoted.h>
            #include <sub/quoted.h>
            struct outer_rec { struct inner_rec in; };
            #endif

            """);
        var inner = Constant(model, "INNER_VALUE");
        Assert.Equal(11UL, inner.Value);
        Assert.Equal((headers.PathOf("sub/inner.h"), 1, 9), (Path.GetFullPath(inner.Location.File), inner.Location.Line, inner.Location.Column));
    }
}
