using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using KvmSharp.Generator.Facts;
using KvmSharp.Generator.FrontEnd.Preprocessing;
using KvmSharp.Generator.FrontEnd.Targets;
using Xunit;

namespace KvmSharp.Tests.Oracle;

/// <summary>
/// <see cref="FeatureCheckTable"/> against clang-14 itself: every identifier clang's library holds (every feature,
/// attribute and builtin it knows by name is among them), asked with each feature check on each target, must get
/// clang's answer from the table. <c>UPDATE_BASELINES=1</c> writes the table from clang's answers instead.
/// </summary>
public sealed class FeatureCheckOracleTests
{
    private static readonly Regex Answer = new(@"^V ""(?<name>\w+)"" (?<value>\d+)L?$");

    [Fact]
    public void Every_feature_check_gets_clang_14s_answer_on_every_target()
    {
        Assert.True(ClangTool.UnavailableReason is null, ClangTool.UnavailableReason);
        var candidates = ClangLibraryIdentifiers();
        foreach (var check in Enum.GetValues<FeatureCheck>())
        {
            foreach (var arch in TargetArch.All)
                candidates.UnionWith(FeatureCheckTable.BuiltIn.Entries(check, arch).Select(e => e.Key));
        }

        var clang = new Dictionary<(FeatureCheck, TargetArch), Dictionary<string, long>>();
        foreach (var check in Enum.GetValues<FeatureCheck>())
        {
            foreach (var arch in TargetArch.All)
                clang[(check, arch)] = ClangAnswers(check, arch, candidates);
        }

        if (Environment.GetEnvironmentVariable("UPDATE_BASELINES") == "1")
        {
            File.WriteAllText(TablePath(), TableText(clang));
            return;
        }
        var mismatches = new List<string>();
        foreach (var ((check, arch), answers) in clang)
        {
            foreach (var name in candidates.Order(StringComparer.Ordinal))
            {
                // A name clang cannot be asked about (a predefined macro expanding to a number) has no answer to hold.
                if (check == FeatureCheck.Attribute && !answers.ContainsKey(name) && Predefined(arch).Contains(name))
                    continue;
                var expected = answers.GetValueOrDefault(name);
                var actual = FeatureCheckTable.BuiltIn.Answer(check, arch, name);
                if (expected != actual)
                    mismatches.Add($"{arch.Name} {FeatureCheckOperators.Spelling(check)}({name}): table {actual}, clang {expected}");
            }
        }
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} answers differ from clang-14's (UPDATE_BASELINES=1 rewrites the table):\n"
            + string.Join("\n", mismatches.Take(50)));
        // The probe must have reached clang: a table of nothing would agree with a clang that answered nothing.
        Assert.True(clang[(FeatureCheck.Builtin, TargetArch.X86_64)].Count > 1000, "clang answered too few builtins: the probe is broken");
    }

    // clang's answer for each name with a non-zero one. '__has_X(name)' outside #if expands to clang's number; the
    // name goes in a string literal beside it, where no macro can rewrite it.
    private static Dictionary<string, long> ClangAnswers(FeatureCheck check, TargetArch arch, IEnumerable<string> names)
    {
        var spelling = FeatureCheckOperators.Spelling(check);
        var source = new StringBuilder();
        foreach (var name in names)
            source.Append("V \"").Append(name).Append("\" ").Append(spelling).Append('(').Append(name).Append(")\n");
        var path = Path.Combine(Path.GetTempPath(), $"kvmsharp-feature-checks-{Environment.ProcessId}-{check}-{arch.Name}.c");
        File.WriteAllText(path, source.ToString());
        try
        {
            var run = ClangTool.Run(new[] { $"--target={arch.ClangTriple}", "-nostdinc", "-E", "-P", "-x", "c", path });
            var answers = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var line in run.StandardOutput.Split('\n'))
            {
                var m = Answer.Match(line.Trim());
                if (m.Success && long.Parse(m.Groups["value"].Value) is var value and not 0)
                    answers[m.Groups["name"].Value] = value;
            }
            return answers;
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static HashSet<string> Predefined(TargetArch arch)
        => arch.PredefinedMacros.Select(m => m.Key).Concat(new[] { "linux", "unix" }).ToHashSet(StringComparer.Ordinal);

    // As 'strings -n 3' then keeping the whole strings that are C identifiers: clang keeps the names it answers
    // for in string tables of libclang-cpp, one NUL-terminated string each.
    private static HashSet<string> ClangLibraryIdentifiers()
    {
        var binary = new FileInfo(ClangTool.Path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? ClangTool.Path;
        var library = Directory.EnumerateFiles(Path.Combine(Path.GetDirectoryName(binary)!, "..", "lib"), "libclang-cpp.so*").FirstOrDefault();
        Assert.True(library is not null, $"libclang-cpp of {binary} not found beside it: the probe needs the names clang knows");
        var bytes = File.ReadAllBytes(library!);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var start = 0;
        for (var i = 0; i <= bytes.Length; i++)
        {
            var b = i < bytes.Length ? bytes[i] : (byte)0;
            if (b is >= 0x20 and < 0x7f)
                continue;
            if (i - start >= 3 && IsIdentifier(bytes, start, i))
                names.Add(Encoding.ASCII.GetString(bytes, start, i - start));
            start = i + 1;
        }
        return names;
    }

    private static bool IsIdentifier(byte[] bytes, int start, int end)
    {
        if (bytes[start] is >= (byte)'0' and <= (byte)'9')
            return false;
        for (var i = start; i < end; i++)
        {
            var c = (char)bytes[i];
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
                return false;
        }
        return true;
    }

    private static string TableText(Dictionary<(FeatureCheck, TargetArch), Dictionary<string, long>> clang)
    {
        var text = new StringBuilder();
        text.Append("""
            # What clang 14 answers to __has_feature, __has_extension, __has_attribute and __has_builtin in C (gnu17) on each
            # target, read by FeatureCheckTable: the preprocessor takes the #if branches clang takes. Written from clang-14's own
            # answers by tests/KvmSharp.Tests/Oracle/FeatureCheckOracleTests (UPDATE_BASELINES=1), which holds the table against
            # clang for every identifier of libclang-cpp. [KIND] lists what every target answers, [KIND ARCH] what one target
            # adds; NAME answers 1, NAME=VALUE answers VALUE, and a name that is not here answers 0.

            """);
        foreach (var check in Enum.GetValues<FeatureCheck>())
        {
            var perArch = TargetArch.All.Select(a => clang[(check, a)]).ToArray();
            var common = perArch[0].Where(e => perArch.All(a => a.TryGetValue(e.Key, out var v) && v == e.Value))
                .ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
            WriteSection(text, check.ToString().ToLowerInvariant(), common);
            foreach (var arch in TargetArch.All)
            {
                var own = clang[(check, arch)].Where(e => !common.ContainsKey(e.Key)).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
                if (own.Count > 0)
                    WriteSection(text, $"{check.ToString().ToLowerInvariant()} {arch.Name}", own);
            }
        }
        return text.ToString();
    }

    private static void WriteSection(StringBuilder text, string header, Dictionary<string, long> names)
    {
        text.Append('\n').Append('[').Append(header).Append("]\n");
        foreach (var (name, value) in names.OrderBy(e => e.Key, StringComparer.Ordinal))
            text.Append(name).Append(value == 1 ? "" : "=" + value).Append('\n');
    }

    private static string TablePath([CallerFilePath] string caller = "")
        => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(caller)!, "..", "..", "..", "src", "Generator", "Facts", "ClangFeatureChecks.txt"));
}
