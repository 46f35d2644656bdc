namespace KvmSharp.Generator.FrontEnd.Lexing;

/// <summary>A header file as read: its path as opened, and its text.</summary>
internal sealed class SourceFile
{
    public SourceFile(string path, string text)
    {
        Path = path;
        Text = text;
    }

    public string Path { get; }

    public string Text { get; }

    /// <summary>Comments of the file in order, kept for the stages that read the header's prose.</summary>
    public List<SourceComment> Comments { get; } = new();
}
