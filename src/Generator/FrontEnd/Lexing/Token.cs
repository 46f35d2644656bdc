using KvmSharp.Generator.Model;

namespace KvmSharp.Generator.FrontEnd.Lexing;

/// <summary>
/// One preprocessing token with the exact place it came from. Tokens produced by macro expansion keep
/// the place of the token they replace, so diagnostics point into the header text the user can read.
/// </summary>
internal sealed class Token
{
    public Token(TokenKind kind, string text, SourceFile file, int line, int column, bool atLineStart, bool hasLeadingSpace)
    {
        Kind = kind;
        Text = text;
        File = file;
        Line = line;
        Column = column;
        AtLineStart = atLineStart;
        HasLeadingSpace = hasLeadingSpace;
    }

    public TokenKind Kind { get; }

    public string Text { get; }

    public SourceFile File { get; }

    public int Line { get; }

    public int Column { get; }

    /// <summary>First token of a logical line: only there does <c>#</c> start a directive.</summary>
    public bool AtLineStart { get; }

    /// <summary>White space stood before it (matters for stringizing and for <c>#define F (</c> vs <c>F(</c>).</summary>
    public bool HasLeadingSpace { get; }

    /// <summary>The macros that must not expand this token again (Prosser's hide set).</summary>
    public HideSet HideSet { get; private set; } = HideSet.Empty;

    /// <summary>
    /// What is wrong with the token's spelling (an unterminated quote). Reported only where the token is
    /// in an active region, as clang does: skipped blocks may hold prose with apostrophes.
    /// </summary>
    public string? LexicalError { get; init; }

    /// <summary>
    /// For a token produced by macro replacement, where the outermost macro was invoked: clang names
    /// unnamed records by that place, and it is the place in the header a user can read.
    /// </summary>
    public SourceLocation? ExpandedFrom { get; init; }

    public SourceLocation Location => ExpandedFrom ?? new SourceLocation(File.Path, Line, Column);

    public bool Is(string punctuatorOrName) => (Kind == TokenKind.Punctuator || Kind == TokenKind.Identifier) && Text == punctuatorOrName;

    public Token With(HideSet hideSet, bool? hasLeadingSpace = null, SourceLocation? expandedFrom = null)
        => new(Kind, Text, File, Line, Column, false, hasLeadingSpace ?? HasLeadingSpace)
        {
            HideSet = hideSet, ExpandedFrom = expandedFrom ?? ExpandedFrom, LexicalError = LexicalError,
        };

    public Token WithText(TokenKind kind, string text)
        => new(kind, text, File, Line, Column, false, HasLeadingSpace) { HideSet = HideSet, ExpandedFrom = ExpandedFrom };

    public override string ToString() => Text;
}
