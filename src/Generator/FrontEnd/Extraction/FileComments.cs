using KvmSharp.Generator.FrontEnd.Lexing;

namespace KvmSharp.Generator.FrontEnd.Extraction;

/// <summary>The comments of one file, indexed for lookups by line.</summary>
internal sealed class FileComments
{
    private readonly SourceFile file;
    private readonly List<StandaloneComment> standalone = new();
    private readonly int[] endLines;

    public FileComments(SourceFile file)
    {
        this.file = file;
        Lines = file.Text.Split('\n');
        foreach (var comment in file.Comments)
        {
            if (IsStandalone(comment))
                standalone.Add(new StandaloneComment(comment, CommentIndex.Clean(comment.Text)));
        }
        endLines = standalone.Select(c => c.Comment.EndLine).ToArray();
    }

    /// <summary>The physical lines of the file: line N is <c>Lines[N - 1]</c>.</summary>
    public string[] Lines { get; }

    /// <summary>The last standalone comment that ends before <paramref name="line"/>.</summary>
    public StandaloneComment? LastStandaloneBefore(int line)
    {
        var index = IndexBefore(line);
        return index < 0 ? null : standalone[index];
    }

    /// <summary>Every standalone comment that ends before <paramref name="line"/>, nearest first.</summary>
    public IEnumerable<StandaloneComment> StandaloneBefore(int line)
    {
        for (var i = IndexBefore(line); i >= 0; i--)
            yield return standalone[i];
    }

    public string? TrailingOn(int line, int column)
    {
        foreach (var comment in file.Comments)
        {
            if (comment.StartLine == line && comment.Column > column)
                return CommentIndex.Clean(comment.Text);
            if (comment.StartLine > line)
                break;
        }
        return null;
    }

    private int IndexBefore(int line)
    {
        // Comments end in increasing line order; find the last one with EndLine < line.
        var index = Array.BinarySearch(endLines, line - 1);
        if (index < 0)
            return ~index - 1;
        while (index + 1 < endLines.Length && endLines[index + 1] == line - 1)
            index++;
        return index;
    }

    private bool IsStandalone(SourceComment comment)
    {
        if (comment.StartLine - 1 >= Lines.Length)
            return false;
        var line = Lines[comment.StartLine - 1];
        var firstNonSpace = 0;
        while (firstNonSpace < line.Length && (line[firstNonSpace] == ' ' || line[firstNonSpace] == '\t'))
            firstNonSpace++;
        return firstNonSpace + 1 == comment.Column;
    }
}
