using KvmSharp.TestSupport.Mutation;
using Xunit;
using static KvmSharp.Tests.Robustness.RealHeaderSets;

namespace KvmSharp.Tests.Robustness;

/// <summary>
/// Damage that no C compiler accepts, placed by anchors found in the real header at run time (the
/// header text is never copied into the repository). Each must give at least one error.
/// </summary>
internal static class TargetedMutations
{
    public static readonly IReadOnlyDictionary<string, Func<HeaderSet, HeaderEdit[]>> Cases =
        new Dictionary<string, Func<HeaderSet, HeaderEdit[]>>
        {
            ["truncated inside struct kvm_run"] = set =>
            {
                var main = set.Main;
                var cut = Find(main, ";", Find(main, "struct kvm_run {")) + 1;
                return [Truncate(main, cut)];
            },
            ["truncated inside the arch's struct kvm_regs"] = set =>
            {
                var arch = set.ArchHeader!;
                var cut = Find(arch, ";", Find(arch, "struct kvm_regs {")) + 1;
                return [Truncate(arch, cut)];
            },
            ["stray } at file scope"] = set => [InsertLineBefore(set.Main, "struct kvm_userspace_memory_region {", "}")],
            ["stray #endif"] = set => [InsertLineBefore(set.Main, "struct kvm_userspace_memory_region {", "#endif")],
            ["deleted final #endif"] = set =>
            {
                var main = set.Main;
                var at = main.Text.LastIndexOf("#endif", StringComparison.Ordinal);
                Assert.True(at >= 0);
                return [new HeaderEdit(main.Path, EditKind.LineDelete, at, NextLineStart(main, at) - at, "")];
            },
            ["#if without #endif"] = set => [InsertLineBefore(set.Main, "struct kvm_run {", "#if 1")],
            ["#else after #else"] = set => [InsertLineBefore(set.Main, "#endif", "#else\n#else")],
            ["unbalanced parenthesis in #if"] = set => [InsertLineBefore(set.Main, "struct kvm_run {", "#if (1 + 2\n#endif")],
            ["#define without a name"] = set => [InsertLineBefore(set.Main, "struct kvm_run {", "#define")],
            ["#include of a missing header"] = set => [InsertLineBefore(set.Main, "struct kvm_run {", "#include <linux/kvmsharp_no_such_header.h>")],
            ["#error"] = set => [InsertLineBefore(set.Main, "struct kvm_run {", "#error kvmsharp robustness test")],
            ["unterminated comment at the end"] = set =>
                [new HeaderEdit(set.Main.Path, EditKind.ByteInsert, set.Main.Text.Length, 0, "\n/* never closed\n")],
            ["unknown type name in a struct"] = set => [InsertLineAfter(set.Main, "struct kvm_run {", "kvmsharp_no_such_type bogus;")],
            ["stray @ in a struct"] = set => [InsertLineAfter(set.Main, "struct kvm_run {", "@")],
            ["unterminated string in a struct"] = set => [InsertLineAfter(set.Main, "struct kvm_run {", "\"never closed")],
            ["stray } inside a struct"] = set => [InsertLineAfter(set.Main, "struct kvm_run {", "}")],
            ["missing ; after a member"] = set =>
            {
                var main = set.Main;
                var semicolon = Find(main, ";", Find(main, "struct kvm_run {"));
                return [new HeaderEdit(main.Path, EditKind.TokenDelete, semicolon, 1, "")];
            },
            ["missing { of a struct"] = set =>
            {
                var main = set.Main;
                var brace = Find(main, "{", Find(main, "struct kvm_run {"));
                return [new HeaderEdit(main.Path, EditKind.TokenDelete, brace, 1, "")];
            },
            ["negative array size"] = set => [InsertLineAfter(set.Main, "struct kvm_run {", "__u8 kvmsharp_bad[-1];")],
            ["bitfield wider than its type"] = set => [InsertLineAfter(set.Main, "struct kvm_run {", "__u8 kvmsharp_bits : 9;")],
        };

    public static IEnumerable<object[]> Names => Cases.Keys.Select(name => new object[] { name });

    private static HeaderEdit Truncate(HeaderText header, int at)
        => new(header.Path, EditKind.Truncate, at, header.Text.Length - at, "");

    private static HeaderEdit InsertLineBefore(HeaderText header, string anchor, string line)
        => new(header.Path, EditKind.LineDuplicate, LineStart(header, Find(header, anchor)), 0, line + "\n");

    private static HeaderEdit InsertLineAfter(HeaderText header, string anchor, string line)
        => new(header.Path, EditKind.LineDuplicate, NextLineStart(header, Find(header, anchor)), 0, line + "\n");
}
