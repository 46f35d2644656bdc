namespace KvmSharp.TestSupport.Mutation;

/// <summary>
/// A hand-written attack on the front-end: text no random mutation is likely to produce (arithmetic
/// traps, runaway macros, include cycles, absurd sizes, very deep nesting).
/// </summary>
/// <param name="OwnProcess">Can take the whole process down if the front-end gets it wrong (a stack
/// overflow from deep nesting, memory exhaustion from a runaway expansion), which no catch can stop; these
/// run in a child process (the bench's <c>hostile</c> command), never inside the test host.</param>
internal sealed record HostileInput(string Name, bool OwnProcess, Func<HeaderSet, IReadOnlyList<HeaderEdit>> Edits);

/// <summary>The hostile inputs, each placed into the real main header at run time.</summary>
internal static class HostileInputs
{
    private const int Nesting = 100_000;

    public static IReadOnlyList<HostileInput> All { get; } =
    [
        // Arithmetic that traps in .NET when done naively.
        AtEnd("division by zero in #if", "#if 1 / 0\n#endif\n#if 1 % 0\n#endif"),
        AtEnd("division by zero in a constant", "#define KVMSHARP_DIV (1 / 0)\n#define KVMSHARP_MOD (1 % 0)"),
        AtEnd("INT64_MIN / -1", "#if (-9223372036854775807LL - 1) / -1\n#endif\n#define KVMSHARP_MIN_DIV ((-9223372036854775807LL - 1) / -1)\n#define KVMSHARP_MIN_MOD ((-9223372036854775807LL - 1) % -1)"),
        AtEnd("literal too large", "#define KVMSHARP_BIG 999999999999999999999999999999\n#if 0x1ffffffffffffffffffff\n#endif"),
        AtEnd("shift by absurd counts", "#define KVMSHARP_SHL (1 << 200)\n#define KVMSHARP_SHR (1 >> -1)\n#if (1 << 64) || (1ULL << -3)\n#endif"),
        AtEnd("character constants", "#if 'ab' == '\\777' || '\\x' || L'a' || '' \n#endif\n#define KVMSHARP_CHAR '\\xfffffffff'"),
        // Macros that do not end, or end very far away.
        AtEnd("self-recursive macro", "#define KVMSHARP_SELF (KVMSHARP_SELF + 1)\n#define KVMSHARP_A KVMSHARP_B\n#define KVMSHARP_B KVMSHARP_A\n#if KVMSHARP_SELF\n#endif"),
        AtEnd("exponential expansion", string.Join("\n", Enumerable.Range(1, 48).Select(i => $"#define KVMSHARP_E{i} (KVMSHARP_E{i - 1} + KVMSHARP_E{i - 1})").Prepend("#define KVMSHARP_E0 1")), ownProcess: true),
        AtEnd("bad function-like macros", "#define KVMSHARP_F(x, x) x\n#define KVMSHARP_G(x x\n#define KVMSHARP_P(a, b) a ## b\n#define KVMSHARP_PASTE KVMSHARP_P(+, /)\n#define KVMSHARP_V(...) __VA_ARGS__ __VA_OPT__(\n#define KVMSHARP_S(a) #b\n#define KVMSHARP_H(x) x\n#define KVMSHARP_UNCLOSED KVMSHARP_H(1"),
        AtEnd("unterminated macro call at end of file", "#define KVMSHARP_H(x) x\n#endif\nKVMSHARP_H(", replaceGuardEnd: true),
        AtEnd("#if with broken defined", "#if defined(KVMSHARP_X\n#endif\n#if defined\n#endif\n#if\n#endif\n#elif 1\n#else\n#endif"),
        AtStart("self include before the guard", "#include <linux/kvm.h>"),
        AtEnd("#line", "#line 1000000 \"kvmsharp-elsewhere.h\"\nstruct kvmsharp_after_line { kvmsharp_unknown_type x; };"),
        AtEnd("#pragma pack oddities", "#pragma pack(3)\n#pragma pack(push, 0)\n#pragma pack(pop)\n#pragma pack(pop)\n#pragma pack(1 << 40)\nstruct kvmsharp_packed { char a; int b; };"),
        AtEnd("_Pragma oddities", "_Pragma(\"pack(\") _Pragma(1) _Pragma(\"\") _Pragma(\"once\") _Pragma(\"pack(push, \\\"x\\\")\") _Pragma\nstruct kvmsharp_op { char a; int b; };\n_Pragma(\"\n)\n_Pragma(L\"\n)"),
        AtEnd("many #pragma pack pushes and records", string.Concat(Enumerable.Range(0, Nesting / 5).Select(i => $"#pragma pack(push, {1 << (i % 5)})\nstruct kvmsharp_p{i} {{ char c; int i; }};\n"))),
        // Types and layouts that cannot be.
        AtEnd("absurd array sizes", "struct kvmsharp_huge { char a[0x7fffffffffffffff]; char b[0x7fffffffffffffff]; };\nstruct kvmsharp_huge2 { __u64 a[1ULL << 62][1ULL << 62]; };\nstruct kvmsharp_neg { char a[-9223372036854775807LL - 1]; };"),
        AtEnd("absurd bitfields", "struct kvmsharp_bits { int a : -1; int b : 100000000000; int c : 0x7fffffff; unsigned d : 33; };"),
        AtEnd("absurd alignment", "struct kvmsharp_align { char a __attribute__((aligned(3))); char b __attribute__((aligned(0))); char c __attribute__((aligned(1ULL << 40))); };"),
        AtEnd("enum overflow", "enum kvmsharp_enum { KVMSHARP_E_MAX = 0x7fffffffffffffff, KVMSHARP_E_NEXT, KVMSHARP_E_HUGE = 0xffffffffffffffffffff };\nenum kvmsharp_empty { };"),
        AtEnd("incomplete and unknown types", "#define KVMSHARP_SZ sizeof(struct kvmsharp_nope)\n#define KVMSHARP_IOC _IOR(KVMIO, 0xfe, struct kvmsharp_nope)\n#define KVMSHARP_OFF __builtin_offsetof(struct kvm_run, kvmsharp_nope)\nstruct kvmsharp_inc { struct kvmsharp_nope n; void v; };"),
        // Found by the soak (arm64 seed 504667): a struct redefined by its own tag inside its own body.
        AtEnd("struct redefined inside itself", "struct kvmsharp_self { struct kvmsharp_self { }; struct { } d; };"),
        AtEnd("flexible arrays in odd places", "struct kvmsharp_flex { __u32 a[]; __u32 b; };\nstruct kvmsharp_only { char c[]; };\nunion kvmsharp_flexu { char c[]; };"),
        Whole("empty file", ""),
        Whole("only NUL bytes", new string('\0', 64)),
        Whole("lone backslash at end of file", "\\"),
        Whole("lone # at end of file", "#"),
        Whole("comment opener at end of file", "/*"),
        Whole("quote at end of file", "\""),
        AtEnd("a megabyte-long identifier", "#define KVMSHARP_LONG " + new string('a', 1 << 20)),
        // Nesting deep enough to overflow a recursive reader's stack.
        AtEnd("deep #if nesting", string.Concat(Enumerable.Repeat("#if 1\n", Nesting)) + string.Concat(Enumerable.Repeat("#endif\n", Nesting)), ownProcess: true),
        AtEnd("deep parentheses in #if", "#if " + new string('(', Nesting) + "1" + new string(')', Nesting) + "\n#endif", ownProcess: true),
        AtEnd("deep unary operators in #if", "#if " + new string('-', Nesting) + "1\n#endif\n#if " + string.Concat(Enumerable.Repeat("!~", Nesting)) + "1\n#endif", ownProcess: true),
        AtEnd("deep parentheses in a constant", "#define KVMSHARP_DEEP " + new string('(', Nesting) + "1" + new string(')', Nesting), ownProcess: true),
        AtEnd("deep conditional operators", "#define KVMSHARP_TERNARY " + string.Concat(Enumerable.Repeat("1 ? ", Nesting)) + "1" + string.Concat(Enumerable.Repeat(" : 0", Nesting)), ownProcess: true),
        AtEnd("deep struct nesting", string.Concat(Enumerable.Range(0, Nesting / 10).Select(i => $"struct kvmsharp_n{i} {{ ")) + "int x;" + string.Concat(Enumerable.Repeat(" } m;", Nesting / 10)) + ";", ownProcess: true),
        AtEnd("deep declarator nesting", "struct kvmsharp_decl { int " + new string('(', Nesting) + "x" + new string(')', Nesting) + "; };\nstruct kvmsharp_ptr { int " + new string('*', Nesting) + "p; };", ownProcess: true),
        AtEnd("deep macro call nesting", "#define KVMSHARP_ID(x) x\n#define KVMSHARP_NEST " + string.Concat(Enumerable.Repeat("KVMSHARP_ID(", Nesting / 10)) + "1" + new string(')', Nesting / 10), ownProcess: true),
    ];

    public static HostileInput? Find(string name) => All.FirstOrDefault(h => h.Name == name);

    // Just before the final "#endif" of the main header, where everything it defined is in scope.
    private static HostileInput AtEnd(string name, string text, bool ownProcess = false, bool replaceGuardEnd = false)
        => new(name, ownProcess, set =>
        {
            var main = set.Main;
            var end = main.Text.LastIndexOf("#endif", StringComparison.Ordinal);
            if (end < 0)
                end = main.Text.Length;
            return replaceGuardEnd
                ? [new HeaderEdit(main.Path, EditKind.Truncate, end, main.Text.Length - end, text)]
                : [new HeaderEdit(main.Path, EditKind.ByteInsert, end, 0, text + "\n")];
        });

    private static HostileInput AtStart(string name, string text)
        => new(name, false, set => [new HeaderEdit(set.Main.Path, EditKind.ByteInsert, 0, 0, text + "\n")]);

    private static HostileInput Whole(string name, string text)
        => new(name, false, set => [new HeaderEdit(set.Main.Path, EditKind.Truncate, 0, set.Main.Text.Length, text)]);
}
