namespace KvmSharp.Generator.FrontEnd.Lexing;

/// <summary>A read position in a token list that ends with an end-of-file token.</summary>
internal sealed class TokenCursor
{
    private readonly IReadOnlyList<Token> tokens;

    public TokenCursor(IReadOnlyList<Token> tokens, Token end)
    {
        this.tokens = tokens;
        End = end;
    }

    /// <summary>What <see cref="Current"/> is past the last token: the end-of-file token or the token after a macro's body.</summary>
    public Token End { get; }

    public int Position { get; set; }

    public Token Current => Peek(0);

    public bool AtEnd => Position >= tokens.Count || tokens[Position].Kind == TokenKind.EndOfFile;

    public Token Peek(int ahead) => Position + ahead < tokens.Count ? tokens[Position + ahead] : End;

    public Token Next()
    {
        var token = Current;
        if (Position < tokens.Count)
            Position++;
        return token;
    }

    public bool Accept(string text)
    {
        if (!Current.Is(text) || Current.Kind is not (TokenKind.Punctuator or TokenKind.Identifier))
            return false;
        Position++;
        return true;
    }
}
