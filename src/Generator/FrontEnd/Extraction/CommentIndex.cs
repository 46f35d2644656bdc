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
