namespace KvmSharp.TestSupport.Mutation;

/// <summary>
/// One unmutated header and what the mutator needs to know about it, computed once per run:
/// its code tokens and its lines.
/// </summary>
internal sealed class HeaderText
{
    private readonly Lazy<TokenSpan[]> tokens;
    private readonly Lazy<TokenSpan[]> lines;

    public HeaderText(string path, string text)
    {
        Path = path;
        Text = text;
        tokens = new Lazy<TokenSpan[]>(() => CTokenScanner.Scan(text));
        lines = new Lazy<TokenSpan[]>(() => SplitLines(text));
    }

    /// <summary>The path the front-end opened it by.</summary>
    public string Path { get; }

    public string Text { get; }

    /// <summary>Code tokens (comments and whitespace left out).</summary>
    public IReadOnlyList<TokenSpan> Tokens => tokens.Value;

    /// <summary>Every line, its '\n' included.</summary>
    public IReadOnlyList<TokenSpan> Lines => lines.Value;

    private static TokenSpan[] SplitLines(string text)
    {
        var result = new List<TokenSpan>();
        var start = 0;
        while (start < text.Length)
        {
            var newline = text.IndexOf('\n', start);
            var end = newline < 0 ? text.Length : newline + 1;
            result.Add(new TokenSpan(start, end - start));
            start = end;
        }

        return result.ToArray();
    }
}
