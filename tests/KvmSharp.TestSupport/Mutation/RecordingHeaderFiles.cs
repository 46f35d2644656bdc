using KvmSharp.Generator.FrontEnd;
using KvmSharp.Generator;

namespace KvmSharp.TestSupport.Mutation;

/// <summary>
/// Passes reads through to another source and remembers every file found, under the exact path the
/// front-end asked for, so an in-memory copy of the set answers the front-end the same way the disk did.
/// </summary>
internal sealed class RecordingHeaderFiles(IHeaderFiles inner) : IHeaderFiles
{
    private readonly List<HeaderText> opened = [];
    private readonly HashSet<string> seen = new(StringComparer.Ordinal);
    private readonly object gate = new();

    /// <summary>Every file found, in the order first asked for.</summary>
    public IReadOnlyList<HeaderText> Opened
    {
        get
        {
            lock (gate)
                return opened.ToArray();
        }
    }

    public string? TryRead(string path)
    {
        var text = inner.TryRead(path);
        if (text is not null)
        {
            lock (gate)
            {
                if (seen.Add(path))
                    opened.Add(new HeaderText(path, text));
            }
        }

        return text;
    }
}
