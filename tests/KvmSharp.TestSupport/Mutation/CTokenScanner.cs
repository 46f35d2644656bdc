namespace KvmSharp.TestSupport.Mutation;

/// <summary>Where one C-ish token stands in a header's text.</summary>
internal readonly record struct TokenSpan(int Start, int Length)
{
    public int End => Start + Length;
}

/// <summary>
/// Splits header text into rough C tokens so the mutator can delete, duplicate and move whole tokens.
/// Only good enough for mutation: it never fails, and it leaves comments and whitespace out, because a
/// token mutation inside a comment tells nothing about the front-end.
/// </summary>
internal static class CTokenScanner
{
    // Longest first, so that "..." wins over "." and "<<=" over "<<".
    private static readonly string[] Punctuators =
    [
        "...", "<<=", ">>=", "##", "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||",
        "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=",
    ];

    public static TokenSpan[] Scan(string text)
    {
        var tokens = new List<TokenSpan>(text.Length / 6);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '\\' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i += 2; // line splice: not a token
            }
            else if (c == '/' && At(text, i + 1, '*'))
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? text.Length : end + 2;
            }
            else if (c == '/' && At(text, i + 1, '/'))
            {
                var end = text.IndexOf('\n', i);
                i = end < 0 ? text.Length : end;
            }
            else if (c is '"' or '\'')
            {
                var end = LiteralEnd(text, i);
                tokens.Add(new TokenSpan(i, end - i));
                i = end;
            }
            else if (IsWordChar(c))
            {
                var start = i;
                // pp-numbers keep their dots and exponent signs together (1.5e+3 is one token).
                while (i < text.Length && (IsWordChar(text[i]) || (text[i] == '.' && char.IsDigit(text[start]))))
                    i++;
                tokens.Add(new TokenSpan(start, i - start));
            }
            else
            {
                var length = PunctuatorLength(text, i);
                tokens.Add(new TokenSpan(i, length));
                i += length;
            }
        }

        return tokens.ToArray();
    }

    private static bool IsWordChar(char c) => c == '_' || char.IsAsciiLetterOrDigit(c);

    private static bool At(string text, int index, char c) => index < text.Length && text[index] == c;

    // A literal ends at its closing quote, or at the end of the line when it is unterminated.
    private static int LiteralEnd(string text, int start)
    {
        var quote = text[start];
        var i = start + 1;
        while (i < text.Length && text[i] != '\n')
        {
            if (text[i] == '\\')
                i += 2;
            else if (text[i++] == quote)
                return i;
        }

        return Math.Min(i, text.Length);
    }

    private static int PunctuatorLength(string text, int index)
    {
        foreach (var punctuator in Punctuators)
        {
            if (string.CompareOrdinal(text, index, punctuator, 0, punctuator.Length) == 0)
                return punctuator.Length;
        }

        return 1;
    }
}
