using KvmSharp.Generator.Diagnostics;
using KvmSharp.Generator.Model;
using KvmSharp.Generator.FrontEnd.Targets;
using Xunit;
using static KvmSharp.Tests.Constructs.ConstructHeaders;

namespace KvmSharp.Tests.Constructs;

/// <summary>
/// The pragmas that change what a compiler sees, <c>#pragma pack</c> and <c>#pragma once</c>, in headers judged by
/// clang through the oracle on the targets whose layout rules differ.
/// </summary>
public sealed class PragmaConstructTests : IDisposable
{
    private readonly ConstructHeaders headers = new();

    public void Dispose() => headers.Dispose();

    public static TheoryData<string> Targets => new() { TargetArch.X86_64.Name, TargetArch.Arm64.Name, TargetArch.S390x.Name };

    [Theory]
    [MemberData(nameof(Targets))]
    public void Pack_caps_member_alignment_aligned_attributes_included(string arch)
    {
        var model = headers.AssertClangAgrees("""
            #define PACKING 2
            #pragma pack(push, PACKING)
            struct two { char c; int i; long long l; };
            struct capped { char c; int i __attribute__((aligned(8))); };
            struct still_aligned { char c; int i; } __attribute__((aligned(8)));
            struct outer { char c; struct { short s; long long l; } inner; };
            #pragma pack(pop)
            #pragma pack(1)
            struct one { char c; struct two t; double d; };
            #pragma pack()
            struct natural { char c; int i; };
            #pragma pack(16)
            struct wider_than_any { char c; double d; };
            #pragma pack(4)
            struct four { char c; double d; long long l; __int128 q; };

            """, TargetArch.Find(arch));

        Assert.Equal((14L, 2), (Record(model, "two").Size, Record(model, "two").Align));
        Assert.Equal(2, Field(Record(model, "capped"), "i").Offset);
        Assert.Equal(8, Record(model, "still_aligned").Align);
        Assert.Equal(8L, Record(model, "natural").Size);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Bitfields_under_pack_straddle_their_units(string arch)
        => headers.AssertClangAgrees("""
            #pragma pack(push, 2)
            struct bits { char c; unsigned int x : 20; unsigned int y : 14; unsigned long long z : 40; unsigned int : 0; char d; };
            #pragma pack(push, 1)
            struct tight { char c; unsigned short a : 9; unsigned int b : 30; int : 0; short e; };
            #pragma pack(pop)
            #pragma pack(pop)
            struct after { char c; unsigned int x : 20; unsigned int y : 14; };

            """, TargetArch.Find(arch));

    [Fact]
    public void Pack_reaches_a_record_defined_inside_an_array_size()
    {
        // The type name inside sizeof is read by a parser of its own over the unit's tokens: the pack in effect there
        // still caps it, as clang's does.
        var model = headers.AssertClangAgrees("""
            #pragma pack(1)
            struct packed_outer { char a[sizeof(struct packed_inner { char c; int i; })]; int after; };
            #pragma pack()
            struct natural_outer { char a[sizeof(struct natural_inner { char c; int i; })]; };

            """);

        Assert.Equal(5L, Record(model, "packed_inner").Size);
        Assert.Equal(9L, Record(model, "packed_outer").Size);
        Assert.Equal(8L, Record(model, "natural_inner").Size);
    }

    [Fact]
    public void Push_and_pop_follow_clang_labels_and_all()
    {
        // gcc ignores "pop, N" and keeps 1; clang pops to 8 and then sets 2. The front-end sees what clang sees.
        var model = headers.AssertClangAgrees("""
            #pragma pack(push, 8)
            #pragma pack(push, 1)
            #pragma pack(pop, 2)
            struct pop_then_set { char c; int i; };
            #pragma pack(push, label, 1)
            #pragma pack(push, 4)
            #pragma pack(pop, label)
            struct popped_to_label { char c; int i; };
            #pragma pack(push)
            #pragma pack(1)
            #pragma pack(pop)
            struct pushed_without_value { char c; int i; };

            """);

        Assert.Equal(2, Field(Record(model, "pop_then_set"), "i").Offset);
        Assert.Equal(2, Field(Record(model, "popped_to_label"), "i").Offset);
        Assert.Equal(2, Field(Record(model, "pushed_without_value"), "i").Offset);
    }

    [Fact]
    public void The_Pragma_operator_packs_where_its_macro_is_used()
    {
        var model = headers.AssertClangAgrees("""
            #define PACKED_BEGIN _Pragma("pack(push, 1)")
            #define PACKED_END _Pragma("pack(pop)")
            PACKED_BEGIN
            struct packed_by_macro { char c; int i; };
            PACKED_END
            struct after_macro { char c; int i; };
            _Pragma("pack(2)") struct direct { char c; int i; };

            """);

        Assert.Equal(1, Field(Record(model, "packed_by_macro"), "i").Offset);
        Assert.Equal(4, Field(Record(model, "after_macro"), "i").Offset);
        Assert.Equal(2, Field(Record(model, "direct"), "i").Offset);
    }

    [Fact]
    public void A_pack_the_compilers_ignore_is_a_warning_at_its_line_and_changes_nothing()
    {
        var model = headers.AssertClangAgrees("""
            #pragma pack(3)
            #pragma pack(pop)
            #pragma pack(push, 2, 4)
            #pragma pack(pop, nowhere)
            #pragma pack 1
            struct unchanged { char c; int i; };

            """);

        var warnings = model.Diagnostics.Where(d => d.Id == DiagnosticIds.IgnoredPragma).ToList();
        Assert.All(warnings, w => Assert.Equal(DiagnosticSeverity.Warning, w.Severity));
        Assert.Equal(new[] { 1, 2, 3, 4, 5 }, warnings.Select(w => w.Location.Line).ToArray());
        Assert.Equal(4, Field(Record(model, "unchanged"), "i").Offset);
    }

    [Fact]
    public void Once_keeps_a_header_without_guards_from_being_read_twice()
    {
        headers.Write("once.h", """
            #pragma once
            struct only_once { int i; };

            """);
        var model = headers.AssertClangAgrees("""
            #include "once.h"
            #include "once.h"
            struct user { struct only_once o; };

            """);

        Assert.Single(model.Records, r => r.Tag == "only_once");
    }
}
