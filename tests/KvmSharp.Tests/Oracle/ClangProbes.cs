using System.Text.RegularExpressions;
using KvmSharp.Generator.Model;

namespace KvmSharp.Tests.Oracle;

/// <summary>
/// Asks clang what it thinks instead, for checks that failed. clang 14's <c>_Static_assert</c> does not print
/// values, but it prints types in its errors: assigning <c>(char (*)[V])0</c> to a pointer to an unrelated
/// struct makes it say "expression of type 'char (*)[V]'" with V evaluated, and assigning a pointer to a
/// member makes it print the member's type as the header spells it.
/// </summary>
internal static class ClangProbes
{
    private static readonly Regex ExpressionType = new(@"with an expression of type '(?<type>[^']*)'(?: \(aka '(?<aka>[^']*)'\))?");
    private static readonly Regex ArrayLength = new(@"^char \(\*\)\[(?<n>\d+)\]$");

    /// <summary>clang's answer for each fact it could answer.</summary>
    public static Dictionary<OracleFact, string> Ask(IReadOnlyList<OracleFact> facts, string header, List<string> commonArguments, string workFolder)
    {
        var answers = new Dictionary<OracleFact, string>(ReferenceEqualityComparer.Instance);
        var asked = facts.Where(f => f.Probe != ProbeKind.None && f.ProbeExpression is not null).ToList();
        if (asked.Count == 0)
            return answers;

        var file = new CheckFile(header);
        var i = 0;
        foreach (var f in asked)
        {
            var e = f.ProbeExpression!;
            switch (f.Probe)
            {
                case ProbeKind.Value:
                    file.AddLine(Line(i++, $"(char (*)[(unsigned long long)({e})])0"), (f, 0));
                    break;
                case ProbeKind.IntegerKind:
                    file.AddLine(Line(i++, $"(char (*)[{CheckFile.IntegerKindNumber(e)}])0"), (f, 0));
                    break;
                case ProbeKind.Value64:
                    file.AddLine(Line(i++, $"(char (*)[((unsigned long long)({e})) >> 32])0"), (f, 1));
                    file.AddLine(Line(i++, $"(char (*)[((unsigned long long)({e})) & 0xffffffffULL])0"), (f, 0));
                    break;
                case ProbeKind.Type or ProbeKind.CanonicalType:
                    file.AddLine(Line(i++, $"({e})"), (f, 0));
                    break;
            }
        }
        var path = Path.Combine(workFolder, "probe.c");
        File.WriteAllText(path, file.ToString());
        var run = ClangTool.Run(commonArguments.Concat(new[]
        {
            "-fsyntax-only", "-ferror-limit=0", "-Werror=incompatible-pointer-types", "-x", "c", path,
        }));

        var halves = new Dictionary<OracleFact, ulong?[]>(ReferenceEqualityComparer.Instance);
        foreach (var d in run.Diagnostics.Where(d => d.IsError && SameFile(d.File, path)))
        {
            if (file.OwnerOf(d.Line) is not ValueTuple<OracleFact, int> owner || ExpressionType.Match(d.Message) is not { Success: true } m)
                continue;
            var (fact, half) = owner;
            var type = m.Groups["type"].Value;
            if (fact.Probe is ProbeKind.Type or ProbeKind.CanonicalType)
            {
                // typeof(...) says nothing; its aka is the type with the sugar stripped, better than nothing.
                var canonical = fact.Probe == ProbeKind.CanonicalType || type.StartsWith("typeof", StringComparison.Ordinal);
                var shown = canonical && m.Groups["aka"].Success ? m.Groups["aka"].Value : type;
                answers[fact] = PointeeOf(shown);
                continue;
            }
            if (ArrayLength.Match(type) is not { Success: true } n)
                continue;
            if (!halves.TryGetValue(fact, out var parts))
                halves[fact] = parts = new ulong?[2];
            parts[half] = ulong.Parse(n.Groups["n"].Value);
        }
        foreach (var (fact, parts) in halves)
        {
            if (fact.Probe == ProbeKind.Value && parts[0] is { } v)
                answers[fact] = CheckFile.Show(v);
            else if (fact.Probe == ProbeKind.IntegerKind && parts[0] is { } k)
                answers[fact] = k == 0 ? "not an integer type" : ((CIntegerKind)(int)(k - 1)).Spelling();
            else if (parts[0] is { } low && parts[1] is { } high)
                answers[fact] = CheckFile.Show(high << 32 | low);
        }
        return answers;
    }

    private static string Line(int i, string initializer) => $"struct __kvmsharp_probe *__kvmsharp_probe_{i} = {initializer};";

    /// <summary><c>__u16 *</c> is a pointer to <c>__u16</c>; <c>__u8 (*)[4]</c> to <c>__u8[4]</c>.</summary>
    private static string PointeeOf(string pointer)
    {
        if (pointer.Contains("(*)", StringComparison.Ordinal))
            return pointer.Replace(" (*)", "", StringComparison.Ordinal).Replace("(*)", "", StringComparison.Ordinal);
        return pointer.EndsWith('*') ? pointer[..^1].TrimEnd() : pointer;
    }

    public static bool SameFile(string a, string b) => Path.GetFullPath(a) == Path.GetFullPath(b);
}
