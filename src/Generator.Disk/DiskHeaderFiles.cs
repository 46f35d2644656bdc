namespace KvmSharp.Generator.FrontEnd;

/// <summary>
/// Reads headers from the file system: the front-end's <see cref="IHeaderFiles"/> for hosts outside the compiler
/// (kvmgen, the tests, the benchmarks). The generator itself reads its headers as AdditionalFiles.
/// </summary>
/// <remarks>
/// Its own assembly, next to the generator's <see cref="InMemoryHeaderFiles"/> by namespace but not in the generator
/// assembly: a Roslyn component must not touch the disk (RS1035, EnforceExtendedAnalyzerRules), and kvmgen, the tests and
/// the benchmarks need one reader without referencing each other.
/// </remarks>
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
