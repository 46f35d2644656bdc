using System.Text;
using System.Text.RegularExpressions;
using KvmSharp.Generator.Model;

namespace KvmSharp.Tests.Oracle;

/// <summary>
/// C type spellings: building the type name of a member from the model (element type plus dimensions), and
/// comparing the model's spelling with the one clang prints, which writes builtin types its own way
/// (<c>unsigned</c> as <c>unsigned int</c>, <c>long unsigned int</c> as <c>unsigned long</c>).
/// </summary>
internal static class TypeSpelling
{
    private static readonly Regex Token = new(@"[A-Za-z_][A-Za-z_0-9]*|\S");

    private static readonly HashSet<string> BuiltinWords = new(StringComparer.Ordinal)
    {
        "signed", "unsigned", "char", "short", "int", "long", "__int128", "_Bool", "__signed__", "__signed",
    };

    /// <summary>The member's full C type name: <c>__u8[4]</c>, <c>int[]</c> for a C99 flexible array, <c>__u8 *[2][3]</c>.</summary>
    public static string WithDimensions(string element, IReadOnlyList<long> dimensions, FlexibleArrayKind flexible)
    {
        var sb = new StringBuilder(element);
        for (var i = 0; i < dimensions.Count; i++)
        {
            if (i == 0 && flexible == FlexibleArrayKind.Incomplete)
                sb.Append("[]");
            else
                sb.Append('[').Append(dimensions[i]).Append(']');
        }
        return sb.ToString();
    }

    /// <summary>The same dimensions written as <c>[0]</c> subscripts, to name one element of an array member.</summary>
    public static string FirstElement(int dimensionCount) => string.Concat(Enumerable.Repeat("[0]", dimensionCount));

    /// <summary>Product of the dimensions (1 for a scalar).</summary>
    public static long Elements(IReadOnlyList<long> dimensions) => dimensions.Aggregate(1L, (a, d) => a * d);

    /// <summary>A form of a spelling in which equal C types written differently compare equal.</summary>
    public static string Normalize(string spelling)
    {
        var tokens = Token.Matches(spelling).Select(m => m.Value).ToList();
        var output = new List<string>();
        for (var i = 0; i < tokens.Count;)
        {
            if (!BuiltinWords.Contains(tokens[i]))
            {
                output.Add(tokens[i++]);
                continue;
            }
            var run = new List<string>();
            while (i < tokens.Count && BuiltinWords.Contains(tokens[i]))
                run.Add(tokens[i++]);
            output.AddRange(Canonical(run).Split(' '));
        }
        var sb = new StringBuilder();
        for (var i = 0; i < output.Count; i++)
        {
            if (i > 0 && IsWord(output[i - 1]) && IsWord(output[i]))
                sb.Append(' ');
            sb.Append(output[i]);
        }
        return sb.ToString();
    }

    private static bool IsWord(string token) => char.IsLetterOrDigit(token[0]) || token[0] == '_';

    private static string Canonical(List<string> words)
    {
        var unsigned = words.Contains("unsigned");
        var signed = words.Contains("signed") || words.Contains("__signed__") || words.Contains("__signed");
        var longs = words.Count(w => w == "long");
        if (words.Contains("_Bool"))
            return "_Bool";
        if (words.Contains("char"))
            return unsigned ? "unsigned char" : signed ? "signed char" : "char";
        if (words.Contains("__int128"))
            return unsigned ? "unsigned __int128" : "__int128";
        if (words.Contains("short"))
            return unsigned ? "unsigned short" : "short";
        if (longs >= 2)
            return unsigned ? "unsigned long long" : "long long";
        if (longs == 1)
            return unsigned ? "unsigned long" : "long";
        return unsigned ? "unsigned int" : "int";
    }
}
