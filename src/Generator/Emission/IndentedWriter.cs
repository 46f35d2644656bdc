using System.Text;

namespace KvmSharp.Generator.Emission;

/// <summary>Writes C# source line by line with the indentation of the current block.</summary>
internal sealed class IndentedWriter
{
    private readonly StringBuilder text = new();
    private int depth;

    public IndentedWriter Line(string line = "")
    {
        if (line.Length > 0)
            text.Append(' ', depth * 4).Append(line);
        text.Append('\n');
        return this;
    }

    /// <summary>Writes <paramref name="header"/> and an opening brace; dispose the result to close it.</summary>
    public Block Open(string header)
    {
        Line(header);
        Line("{");
        depth++;
        return new Block(this);
    }

    /// <summary>Writes an XML doc comment, one <c>///</c> line per line of <paramref name="summary"/>.</summary>
    public IndentedWriter Summary(string summary)
    {
        Line("/// <summary>");
        foreach (var line in summary.Split('\n'))
            Line("/// " + XmlEscape(line).TrimEnd());
        Line("/// </summary>");
        return this;
    }

    public override string ToString() => text.ToString();

    public static string XmlEscape(string value) => value.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>Closes a block opened by <see cref="Open"/>.</summary>
    public readonly struct Block : IDisposable
    {
        private readonly IndentedWriter writer;

        public Block(IndentedWriter writer) => this.writer = writer;

        public void Dispose()
        {
            writer.depth--;
            writer.Line("}");
        }
    }
}
