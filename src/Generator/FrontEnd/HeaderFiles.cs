namespace KvmSharp.Generator.FrontEnd;

/// <summary>
/// Where the front-end reads header files from. The generator gives it the compilation's AdditionalFiles
/// so the compiler tracks every header; the command line and the tests read the disk.
/// </summary>
public interface IHeaderFiles
{
    /// <summary>Returns the text of <paramref name="path"/>, or null when there is no such file.</summary>
    string? TryRead(string path);
}

/// <summary>Headers held in memory, keyed by full path (tests, mutated copies, AdditionalFiles).</summary>
public sealed class InMemoryHeaderFiles : IHeaderFiles
{
    private readonly IReadOnlyDictionary<string, string> files;

    /// <summary>Serves <paramref name="files"/>; paths are compared as given.</summary>
    public InMemoryHeaderFiles(IReadOnlyDictionary<string, string> files) => this.files = files;

    /// <inheritdoc/>
    public string? TryRead(string path) => files.TryGetValue(path, out var text) ? text : null;
}
