using System.Buffers;
using KvmSharp.Generator.Diagnostics;

namespace KvmSharp.Generator.FrontEnd.Lexing;

/// <summary>
/// Splits a header into preprocessing tokens (C11 translation phases 1-3): line splices removed,
/// comments kept aside for the stages that read the header's prose, every token placed at its
/// physical line and column as clang counts them (bytes, a tab is one column).
/// </summary>
internal sealed class Lexer
{
    private static readonly string[] Punctuators =
    {
        "%:%:", "...", "<<=", ">>=",
        "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "*=", "/=", "%=", "+=", "-=", "&=", "^=", "|=", "##",
        "<:", ":>", "<%", "%>", "%:",
        "[", "]", "(", ")", "{", "}", ".", "&", "*", "+", "-", "~", "!", "/", "%", "<", ">", "^", "|", "?", ":", ";", "=", ",", "#",
    };

    // Longest first, grouped by first character: the lexer's hot path.
    private static readonly Dictionary<char, string[]> PunctuatorsByFirst = Punctuators
        .GroupBy(p => p[0])
        .ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.Length).ToArray());

    private static string[] PunctuatorsStartingWith(char c) => PunctuatorsByFirst.TryGetValue(c, out var list) ? list : Array.Empty<string>();

    private readonly SourceFile file;
    private readonly DiagnosticBag diagnostics;
    private readonly Spellings? spellings;
    // The text with line splices removed, in a pooled buffer: a copy of kvm.h is a large object, and
    // allocating one on every read ends every read in a gen2 collection. Returned when Run ends.
    private readonly char[] text;
    private readonly int length;
    // Where line splices were removed: logical offset of the first character after each splice, and how
    // many physical characters were removed up to and including it. A few entries per file, not a map per character.
    private readonly int[] spliceAt;
    private readonly int[] removedBefore;
    private readonly int[] lineStarts;
    private int position;
    private string? lexicalError;
    // The text of the last punctuator Scan matched: the table's own string, so punctuators cost no allocation.
    private string? punctuator;
    // The line the last Place found: tokens are placed in order, so the next one is on it or a later one.
    private int lineHint;

    private Lexer(SourceFile file, DiagnosticBag diagnostics, Spellings? spellings)
    {
        this.file = file;
        this.diagnostics = diagnostics;
        this.spellings = spellings;
        (text, length, spliceAt, removedBefore) = RemoveSplices(file.Text);
        lineStarts = LineStarts(file.Text);
    }

    /// <summary>The tokens of <paramref name="file"/>, their texts from <paramref name="spellings"/> when given.</summary>
    public static TokenList Tokenize(SourceFile file, DiagnosticBag diagnostics, Spellings? spellings = null)
        => new Lexer(file, diagnostics, spellings).Run();

    /// <summary>Lexes one token from text that is not in a file (the result of <c>##</c>); null unless it is exactly one token.</summary>
    public static Token? LexSingle(string text, Token origin)
    {
        var scratch = new SourceFile(origin.File.Path, text);
        var tokens = new Lexer(scratch, new DiagnosticBag(), null).Run();
        if (tokens.Count != 2 || tokens[0].Text.Length != text.Length)
            return null;
        return origin.WithText(tokens[0].Kind, tokens[0].Text);
    }

    private TokenList Run()
    {
        try
        {
            return AllTokens();
        }
        finally
        {
            ArrayPool<char>.Shared.Return(text);
        }
    }

    private TokenList AllTokens()
    {
        var tokens = new TokenList();
        var atLineStart = true;
        var space = false;
        while (position < length)
        {
            var c = text[position];
            if (c == '\n')
            {
                position++;
                atLineStart = true;
                space = false;
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v')
            {
                position++;
                space = true;
                continue;
            }
            if (c == '/' && Peek(1) == '*')
            {
                BlockComment();
                space = true;
                continue;
            }
            if (c == '/' && Peek(1) == '/')
            {
                LineComment();
                space = true;
                continue;
            }
            var start = position;
            lexicalError = null;
            punctuator = null;
            var kind = Scan();
            var (line, column) = Place(start);
            var spelling = punctuator ?? (spellings is null ? new string(text, start, position - start) : spellings.Get(text, start, position - start));
            tokens.Add(new Token(kind, spelling, file, line, column, atLineStart, space) { LexicalError = lexicalError });
            atLineStart = false;
            space = false;
        }
        var (endLine, endColumn) = Place(length);
        tokens.Add(new Token(TokenKind.EndOfFile, "", file, endLine, endColumn, true, false));
        return tokens;
    }

    private TokenKind Scan()
    {
        var c = text[position];
        if (IsIdentifierStart(c))
        {
            if ((c == 'L' || c == 'U' || c == 'u') && (Peek(1) == '\'' || Peek(1) == '"'))
            {
                position++;
                return Quoted(text[position]);
            }
            if (c == 'u' && Peek(1) == '8' && Peek(2) == '"')
            {
                position += 2;
                return Quoted('"');
            }
            while (position < length && IsIdentifierPart(text[position]))
                position++;
            return TokenKind.Identifier;
        }
        if (IsDigit(c) || (c == '.' && IsDigit(Peek(1))))
        {
            position++;
            while (position < length)
            {
                var d = text[position];
                if ((d == '+' || d == '-') && "eEpP".IndexOf(text[position - 1]) >= 0)
                    position++;
                else if (IsIdentifierPart(d) || d == '.')
                    position++;
                else
                    break;
            }
            return TokenKind.Number;
        }
        if (c == '\'' || c == '"')
            return Quoted(c);
        foreach (var p in PunctuatorsStartingWith(c))
        {
            if (position + p.Length <= length && text.AsSpan(position, p.Length).SequenceEqual(p.AsSpan()))
            {
                position += p.Length;
                punctuator = p;
                return TokenKind.Punctuator;
            }
        }
        position++;
        return TokenKind.Other;
    }

    private TokenKind Quoted(char quote)
    {
        var start = position;
        position++;
        while (position < length && text[position] != quote && text[position] != '\n')
        {
            if (text[position] == '\\' && position + 1 < length && text[position + 1] != '\n')
                position++;
            position++;
        }
        if (position < length && text[position] == quote)
        {
            position++;
        }
        else
        {
            var what = quote == '"' ? "string literal" : "character constant";
            lexicalError = $"unterminated {what}: expected a closing {quote} before the end of the line";
        }
        return quote == '"' ? TokenKind.StringLiteral : TokenKind.CharLiteral;
    }

    private void BlockComment()
    {
        var start = position;
        var end = IndexOf("*/", position + 2);
        if (end < 0)
        {
            diagnostics.Error(DiagnosticIds.Lexical, "unterminated comment: expected */ before the end of the file", Location(start));
            end = length;
            position = length;
        }
        else
        {
            position = end + 2;
        }
        var (startLine, column) = Place(start);
        var (endLine, _) = Place(Math.Max(start, position - 1));
        file.Comments.Add(new SourceComment(new string(text, start + 2, Math.Max(0, end - start - 2)), startLine, endLine, column));
    }

    private void LineComment()
    {
        var start = position;
        var end = IndexOf("\n", position);
        position = end < 0 ? length : end;
        var (line, column) = Place(start);
        file.Comments.Add(new SourceComment(new string(text, start + 2, position - start - 2), line, line, column));
    }

    private int IndexOf(string value, int from)
    {
        var found = text.AsSpan(from, length - from).IndexOf(value.AsSpan());
        return found < 0 ? -1 : from + found;
    }

    private char Peek(int ahead) => position + ahead < length ? text[position + ahead] : '\0';

    private Model.SourceLocation Location(int logical)
    {
        var (line, column) = Place(logical);
        return new Model.SourceLocation(file.Path, line, column);
    }

    private (int Line, int Column) Place(int logical)
    {
        var splice = Array.BinarySearch(spliceAt, logical);
        if (splice < 0)
            splice = ~splice - 1;
        while (splice >= 0 && splice + 1 < spliceAt.Length && spliceAt[splice + 1] == spliceAt[splice])
            splice++;
        var offset = Math.Min(file.Text.Length, logical + (splice < 0 ? 0 : removedBefore[splice]));
        int index;
        if (lineStarts[lineHint] <= offset)
        {
            index = lineHint;
            while (index + 1 < lineStarts.Length && lineStarts[index + 1] <= offset)
                index++;
        }
        else
        {
            index = Array.BinarySearch(lineStarts, offset);
            if (index < 0)
                index = ~index - 1;
        }
        lineHint = index;
        return (index + 1, offset - lineStarts[index] + 1);
    }

    private static (char[] Text, int Length, int[] SpliceAt, int[] RemovedBefore) RemoveSplices(string source)
    {
        var text = ArrayPool<char>.Shared.Rent(Math.Max(1, source.Length));
        if (source.IndexOf("\\\n", StringComparison.Ordinal) < 0 && source.IndexOf("\\\r\n", StringComparison.Ordinal) < 0)
        {
            source.CopyTo(0, text, 0, source.Length);
            return (text, source.Length, Array.Empty<int>(), Array.Empty<int>());
        }
        var at = new List<int>();
        var removed = new List<int>();
        var total = 0;
        var copiedUpTo = 0;
        var written = 0;
        for (var i = 0; i < source.Length; i++)
        {
            if (source[i] != '\\')
                continue;
            var spliced = i + 1 < source.Length && source[i + 1] == '\n' ? 2
                : i + 2 < source.Length && source[i + 1] == '\r' && source[i + 2] == '\n' ? 3
                : 0;
            if (spliced == 0)
                continue;
            source.CopyTo(copiedUpTo, text, written, i - copiedUpTo);
            written += i - copiedUpTo;
            total += spliced;
            at.Add(written);
            removed.Add(total);
            copiedUpTo = i + spliced;
            i += spliced - 1;
        }
        source.CopyTo(copiedUpTo, text, written, source.Length - copiedUpTo);
        written += source.Length - copiedUpTo;
        return (text, written, at.ToArray(), removed.ToArray());
    }

    private static int[] LineStarts(string source)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < source.Length; i++)
        {
            if (source[i] == '\n')
                starts.Add(i + 1);
        }
        return starts.ToArray();
    }

    internal static bool IsIdentifierStart(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_' or '$';

    internal static bool IsIdentifierPart(char c) => IsIdentifierStart(c) || IsDigit(c);

    private static bool IsDigit(char c) => c is >= '0' and <= '9';
}
