using System.Text;

namespace KvmSharp.Tests.Kernels;

/// <summary>
/// Just enough of C's lexical structure to find function bodies in kernel sources by brace matching: comments
/// and literals blanked (they hold braces and the word <c>case</c>), then brackets matched.
/// </summary>
public static class CSourceText
{
    /// <summary>
    /// The code with comments, string and character literals blanked to spaces, lines kept, so that braces and
    /// <c>case</c> in them neither unbalance a body nor count as labels.
    /// </summary>
    public static string StripCommentsAndLiterals(string text)
    {
        var code = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            if (c == '/' && next == '/')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    code.Append(' ');
                    i++;
                }
                if (i < text.Length)
                    code.Append('\n');
            }
            else if (c == '/' && next == '*')
            {
                var close = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                var stop = close < 0 ? text.Length : close + 2;
                for (; i < stop; i++)
                    code.Append(text[i] == '\n' ? '\n' : ' ');
                i--;
            }
            else if (c == '"' || c == '\'')
            {
                code.Append(' ');
                for (i++; i < text.Length && text[i] != c && text[i] != '\n'; i++)
                {
                    if (text[i] == '\\' && i + 1 < text.Length)
                    {
                        code.Append(' ');
                        i++;
                    }
                    code.Append(' ');
                }
                if (i < text.Length)
                    code.Append(text[i] == '\n' ? '\n' : ' ');
            }
            else
                code.Append(c);
        }
        return code.ToString();
    }

    /// <summary>The index of the bracket that closes the one at <paramref name="open"/>, or -1; comments and literals must be blanked first.</summary>
    public static int Matching(string code, int open, char opening, char closing)
    {
        var depth = 0;
        for (var i = open; i < code.Length; i++)
        {
            if (code[i] == opening)
                depth++;
            else if (code[i] == closing && --depth == 0)
                return i;
        }
        return -1;
    }
}
