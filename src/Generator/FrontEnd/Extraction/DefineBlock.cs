using KvmSharp.Generator.FrontEnd.Preprocessing;

namespace KvmSharp.Generator.FrontEnd.Extraction;

/// <summary>
/// Follows runs of consecutive <c>#define</c> lines to find which macro each one is indented under.
/// A blank line, a comment or any other line between two defines ends the run.
/// </summary>
internal sealed class DefineBlock
{
    private readonly CommentIndex comments;
    private readonly List<MacroDefinition> open = new();
    private MacroDefinition? previous;

    public DefineBlock(CommentIndex comments) => this.comments = comments;

    /// <summary>The number of the run the last macro given to <see cref="Next"/> stands in.</summary>
    public int Number { get; private set; }

    /// <summary>Takes the next macro in definition order and returns the name of the one it is indented under.</summary>
    public string? Next(MacroDefinition macro)
    {
        if (previous is null || !Adjacent(previous, macro))
        {
            open.Clear();
            Number++;
        }
        previous = macro;
        while (open.Count > 0 && open[open.Count - 1].Indent >= macro.Indent)
            open.RemoveAt(open.Count - 1);
        var parent = open.Count > 0 ? open[open.Count - 1].Name : null;
        open.Add(macro);
        return parent;
    }

    private bool Adjacent(MacroDefinition before, MacroDefinition after)
    {
        var at = before.NameToken;
        var next = after.NameToken;
        if (at.File != next.File || next.Line <= at.Line)
            return false;
        var file = comments.File(at.File.Path);
        if (file is null)
            return false;
        var lines = file.Lines;
        for (var line = at.Line + 1; line < next.Line; line++)
        {
            var continued = lines[line - 2].TrimEnd().EndsWith("\\", StringComparison.Ordinal);
            if (!continued)
                return false;
        }
        return true;
    }
}
