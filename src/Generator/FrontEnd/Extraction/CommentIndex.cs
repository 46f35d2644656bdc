using System.Text;
using KvmSharp.Generator.FrontEnd.Lexing;
using KvmSharp.Generator.Model;

namespace KvmSharp.Generator.FrontEnd.Extraction;

/// <summary>
/// The header's comments by place, for the parts of the model that come from prose: documentation of
/// constants and members, ioctl sections ("ioctls for VM fds") and "Available with KVM_CAP_X".
/// </summary>
internal sealed class CommentIndex
{
    private readonly Dictionary<string, FileComments> files = new(StringComparer.Ordinal);

    public CommentIndex(IEnumerable<SourceFile> sources)
    {
        foreach (var file in sources)
            files[file.Path] = new FileComments(file);
    }

    /// <summary>The comment on the lines just above <paramref name="at"/>, else the one after it on its line.</summary>
    public string? For(SourceLocation at)
    {
        if (!files.TryGetValue(at.File, out var file))
            return null;
        var leading = file.LastStandaloneBefore(at.Line);
        if (leading is not null && leading.Comment.EndLine == at.Line - 1)
            return leading.Text;
        return file.TrailingOn(at.Line, at.Column);
    }

    public FileComments? File(string path) => files.TryGetValue(path, out var file) ? file : null;

    /// <summary>Comment text without the decoration of C block comments.</summary>
    public static string Clean(string text)
    {
        var result = new StringBuilder();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("*", StringComparison.Ordinal))
                line = line.Substring(1).TrimStart();
            if (line.Length == 0 && result.Length == 0)
                continue;
            if (result.Length > 0)
                result.Append('\n');
            result.Append(line);
        }
        return result.ToString().Trim();
    }
}

/// <summary>A comment that stands on lines of its own, with its cleaned text.</summary>
internal sealed record StandaloneComment(SourceComment Comment, string Text);

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
