namespace KvmSharp.TestSupport.Mutation;

/// <summary>The kinds of damage the mutator does to a header.</summary>
internal enum EditKind
{
    ByteFlip,
    ByteInsert,
    TokenDelete,
    TokenDuplicate,
    TokenTransplant,
    LineDelete,
    LineDuplicate,
    Truncate,
}

/// <summary>
/// One change to one header, in the coordinates of the unmutated text: replace
/// <see cref="Length"/> characters at <see cref="Start"/> by <see cref="Insert"/>.
/// Edits stay in original coordinates so any subset of a copy's edits can be replayed on its own,
/// which is what lets a failure be reduced to the one edit that causes it.
/// </summary>
internal sealed record HeaderEdit(string File, EditKind Kind, int Start, int Length, string Insert)
{
    public int End => Start + Length;

    /// <summary>A one-line account of the edit, e.g. <c>linux/kvm.h:291:8 TokenDelete "kvm_run"</c>.</summary>
    public string Describe(string originalText)
    {
        var (line, column) = LineAndColumn(originalText, Start);
        var removed = originalText.Substring(Start, Math.Min(Length, 40));
        var what = Kind switch
        {
            EditKind.Truncate when Insert.Length == 0 => $"cut the rest ({Length} chars)",
            EditKind.Truncate => $"replace the rest ({Length} chars) by {Quote(Insert.Length > 80 ? Insert[..80] + "..." : Insert)}",
            _ when Length == 0 => $"insert {Quote(Insert.Length > 80 ? Insert[..80] + "..." : Insert)}",
            _ when Insert.Length == 0 => $"delete {Quote(removed)}{(Length > 40 ? "..." : "")}",
            _ => $"replace {Quote(removed)} by {Quote(Insert)}",
        };
        return $"{File}:{line}:{column} {Kind}: {what}";
    }

    /// <summary>1-based line and column of <paramref name="offset"/>, counting '\n' as the line end.</summary>
    public static (int Line, int Column) LineAndColumn(string text, int offset)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset && i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, offset - lineStart + 1);
    }

    /// <summary>A C-like quoted form in which control characters stay visible.</summary>
    public static string Quote(string text)
    {
        var quoted = new System.Text.StringBuilder("\"");
        foreach (var c in text)
        {
            quoted.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '"' => "\\\"",
                '\\' => "\\\\",
                _ when c < ' ' || c >= '\u007f' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }
}
