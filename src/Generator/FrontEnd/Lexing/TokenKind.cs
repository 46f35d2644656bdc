namespace KvmSharp.Generator.FrontEnd.Lexing;

/// <summary>The kinds of preprocessing tokens (C11 6.4).</summary>
internal enum TokenKind
{
    Identifier,
    Number,
    CharLiteral,
    StringLiteral,
    Punctuator,
    /// <summary>A character that is no token of C; kept so the parser can point at it.</summary>
    Other,
    EndOfFile,
}
