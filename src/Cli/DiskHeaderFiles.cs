using KvmSharp.Generator.FrontEnd;
using KvmSharp.Generator;

namespace KvmSharp.Cli;

// Lives outside the generator assembly: a Roslyn component must not touch the disk (RS1035).
/// <summary>Reads headers from the file system.</summary>
public sealed class DiskHeaderFiles : IHeaderFiles
{
    /// <summary>The one instance.</summary>
    public static DiskHeaderFiles Instance { get; } = new();

    /// <inheritdoc/>
    public string? TryRead(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
