using System.Globalization;
using KvmSharp.Generator.FrontEnd.Preprocessing;
using KvmSharp.Generator.FrontEnd.Targets;

namespace KvmSharp.Generator.Facts;

/// <summary>
/// What clang answers to each <see cref="FeatureCheck"/> for each target, as data (<c>ClangFeatureChecks.txt</c>):
/// the front-end must take the branches clang takes, and the answers are clang's facts, not ours to decide.
/// <c>tests/KvmSharp.Tests/Oracle/FeatureCheckOracleTests</c> asks clang-14 about every identifier its library holds
/// and fails on any answer that differs (<c>UPDATE_BASELINES=1</c> rewrites the file from clang).
/// </summary>
/// <remarks>
/// Format: <c>[KIND]</c> opens the names every target has, <c>[KIND ARCH]</c> those of one target
/// (<see cref="TargetArch.Name"/>); a line is <c>NAME</c> (answer 1) or <c>NAME=VALUE</c>; <c>#</c> starts a comment.
/// A name in no section answers 0. The table is read on the first question, not when the generator loads.
/// </remarks>
public sealed class FeatureCheckTable
{
    private const string ResourceName = "KvmSharp.Generator.Facts.ClangFeatureChecks.txt";

    private static readonly Lazy<FeatureCheckTable> builtIn = new(() => FactText.Shipped(ResourceName, Parse));

    // (kind, arch name, or "" for every target) -> name -> value.
    private readonly Dictionary<(FeatureCheck Check, string Arch), Dictionary<string, long>> answers;

    private FeatureCheckTable(Dictionary<(FeatureCheck, string), Dictionary<string, long>> answers) => this.answers = answers;

    /// <summary>clang 14's answers, from the data shipped in the generator.</summary>
    public static FeatureCheckTable BuiltIn => builtIn.Value;

    /// <summary>What clang answers to <paramref name="check"/> of <paramref name="operand"/> on <paramref name="arch"/>.</summary>
    public long Answer(FeatureCheck check, TargetArch arch, string operand)
    {
        var name = FeatureCheckOperators.Normalize(check, operand);
        if (answers.TryGetValue((check, ""), out var common) && common.TryGetValue(name, out var value))
            return value;
        return answers.TryGetValue((check, arch.Name), out var own) && own.TryGetValue(name, out value) ? value : 0;
    }

    /// <summary>The names with a non-zero answer on <paramref name="arch"/>, with their values.</summary>
    public IEnumerable<KeyValuePair<string, long>> Entries(FeatureCheck check, TargetArch arch)
    {
        foreach (var key in new[] { (check, ""), (check, arch.Name) })
        {
            if (answers.TryGetValue(key, out var names))
            {
                foreach (var entry in names)
                    yield return entry;
            }
        }
    }

    /// <summary>Reads the text format described on the class; each line that is not of it goes to <paramref name="problems"/>.</summary>
    public static FeatureCheckTable Parse(string text, List<string> problems)
    {
        var answers = new Dictionary<(FeatureCheck, string), Dictionary<string, long>>();
        Dictionary<string, long>? section = null;
        foreach (var (number, line) in FactText.Lines(text))
        {
            if (line[0] == '[')
            {
                section = OpenSection(answers, line, number, problems);
                continue;
            }
            if (section is null)
            {
                problems.Add($"line {number}: a name before the first [KIND] section");
                continue;
            }
            var equals = line.IndexOf('=');
            var value = 1L;
            if (equals >= 0 && !long.TryParse(line.Substring(equals + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out value))
            {
                problems.Add($"line {number}: expected NAME or NAME=NUMBER, found '{line}'");
                continue;
            }
            section[equals < 0 ? line : line.Substring(0, equals)] = value;
        }
        return new FeatureCheckTable(answers);
    }

    private static Dictionary<string, long>? OpenSection(Dictionary<(FeatureCheck, string), Dictionary<string, long>> answers, string line, int number, List<string> problems)
    {
        var words = line.Trim('[', ']').Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
        var arch = words.Length == 2 ? TargetArch.Find(words[1]) : null;
        if (!line.EndsWith("]", StringComparison.Ordinal) || words.Length is < 1 or > 2
            || !Enum.TryParse<FeatureCheck>(words[0], ignoreCase: true, out var check) || (words.Length == 2 && arch is null))
        {
            problems.Add($"line {number}: expected [KIND] or [KIND ARCH] (KIND: feature, extension, attribute or builtin), found '{line}'");
            return null;
        }
        var key = (check, arch?.Name ?? "");
        if (!answers.TryGetValue(key, out var section))
            answers[key] = section = new Dictionary<string, long>(StringComparer.Ordinal);
        return section;
    }
}
