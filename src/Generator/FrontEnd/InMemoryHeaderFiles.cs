namespace KvmSharp.Generator.FrontEnd;

/// <summary>Headers held in memory, keyed by full path (tests, mutated copies, AdditionalFiles).</summary>
public sealed class InMemoryHeaderFiles : IHeaderFiles
{
    private readonly IReadOnlyDictionary<string, string> files;

    /// <summary>Serves <paramref name="files"/>; paths are compared as given.</summary>
    public InMemoryHeaderFiles(IReadOnlyDictionary<string, string> files) => this.files = files;

    /// <inheritdoc/>
    public string? TryRead(string path) => files.TryGetValue(path, out var text) ? text : null;
}
