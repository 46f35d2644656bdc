using System.Text;
using KvmSharp.Generator.Diagnostics;

namespace KvmSharp.Generator.Lexing;

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
    private readonly string text;
    // Where line splices were removed: logical offset of the first character after each splice, and how
    // many physical characters were removed up to and including it. A few entries per file, not a map per character.
    private readonly int[] spliceAt;
    private readonly int[] removedBefore;
    private readonly int[] lineStarts;
    private int position;
    private string? lexicalError;

    private Lexer(SourceFile file, DiagnosticBag diagnostics)
    {
        this.file = file;
        this.diagnostics = diagnostics;
        (text, spliceAt, removedBefore) = RemoveSplices(file.Text);
        lineStarts = LineStarts(file.Text);
    }

    public static List<Token> Tokenize(SourceFile file, DiagnosticBag diagnostics) => new Lexer(file, diagnostics).Run();

    /// <summary>Lexes one token from text that is not in a file (the result of <c>##</c>); null unless it is exactly one token.</summary>
    public static Token? LexSingle(string text, Token origin)
    {
        var scratch = new SourceFile(origin.File.Path, text);
        var tokens = new Lexer(scratch, new DiagnosticBag()).Run();
        if (tokens.Count != 2 || tokens[0].Text.Length != text.Length)
            return null;
        return origin.WithText(tokens[0].Kind, tokens[0].Text);
    }

    private List<Token> Run()
    {
        var tokens = new List<Token>(text.Length / 4);
        var atLineStart = true;
        var space = false;
        while (position < text.Length)
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
            var kind = Scan();
            var (line, column) = Place(start);
            tokens.Add(new Token(kind, text.Substring(start, position - start), file, line, column, atLineStart, space) { LexicalError = lexicalError });
            atLineStart = false;
            space = false;
        }
        var (endLine, endColumn) = Place(text.Length);
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
            while (position < text.Length && IsIdentifierPart(text[position]))
                position++;
            return TokenKind.Identifier;
        }
        if (IsDigit(c) || (c == '.' && IsDigit(Peek(1))))
        {
            position++;
            while (position < text.Length)
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
            if (string.CompareOrdinal(text, position, p, 0, p.Length) == 0)
            {
                position += p.Length;
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
        while (position < text.Length && text[position] != quote && text[position] != '\n')
        {
            if (text[position] == '\\' && position + 1 < text.Length && text[position + 1] != '\n')
                position++;
            position++;
        }
        if (position < text.Length && text[position] == quote)
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
        var end = text.IndexOf("*/", position + 2, StringComparison.Ordinal);
        if (end < 0)
        {
            diagnostics.Error(DiagnosticIds.Lexical, "unterminated comment: expected */ before the end of the file", Location(start));
            end = text.Length;
            position = text.Length;
        }
        else
        {
            position = end + 2;
        }
        var (startLine, column) = Place(start);
        var (endLine, _) = Place(Math.Max(start, position - 1));
        file.Comments.Add(new SourceComment(text.Substring(start + 2, Math.Max(0, end - start - 2)), startLine, endLine, column));
    }

    private void LineComment()
    {
        var start = position;
        var end = text.IndexOf('\n', position);
        position = end < 0 ? text.Length : end;
        var (line, column) = Place(start);
        file.Comments.Add(new SourceComment(text.Substring(start + 2, position - start - 2), line, line, column));
    }

    private char Peek(int ahead) => position + ahead < text.Length ? text[position + ahead] : '\0';

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
        var index = Array.BinarySearch(lineStarts, offset);
        if (index < 0)
            index = ~index - 1;
        return (index + 1, offset - lineStarts[index] + 1);
    }

    private static (string Text, int[] SpliceAt, int[] RemovedBefore) RemoveSplices(string source)
    {
        if (source.IndexOf("\\\n", StringComparison.Ordinal) < 0 && source.IndexOf("\\\r\n", StringComparison.Ordinal) < 0)
            return (source, Array.Empty<int>(), Array.Empty<int>());
        var builder = new StringBuilder(source.Length);
        var at = new List<int>();
        var removed = new List<int>();
        var total = 0;
        var copiedUpTo = 0;
        for (var i = 0; i < source.Length; i++)
        {
            if (source[i] != '\\')
                continue;
            var length = i + 1 < source.Length && source[i + 1] == '\n' ? 2
                : i + 2 < source.Length && source[i + 1] == '\r' && source[i + 2] == '\n' ? 3
                : 0;
            if (length == 0)
                continue;
            builder.Append(source, copiedUpTo, i - copiedUpTo);
            total += length;
            at.Add(builder.Length);
            removed.Add(total);
            copiedUpTo = i + length;
            i += length - 1;
        }
        builder.Append(source, copiedUpTo, source.Length - copiedUpTo);
        return (builder.ToString(), at.ToArray(), removed.ToArray());
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
