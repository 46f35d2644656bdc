using KvmSharp.Generator.FrontEnd.Lexing;

namespace KvmSharp.Generator.FrontEnd.Preprocessing;

/// <summary>
/// Finds included files the way clang does: <c>"..."</c> first beside the including file, then the
/// include directories in order; <c>&lt;...&gt;</c> in the include directories only; <c>#include_next</c>
/// in the directories after the one the current file came from; after the last directory, the
/// <see cref="FreestandingHeaders"/>. Each file is read and lexed once.
/// </summary>
internal sealed class IncludeResolver
{
    private readonly IReadOnlyList<string> directories;
    private readonly IHeaderFiles files;
    private readonly Dictionary<string, SourceFile?> opened = new(StringComparer.Ordinal);
    private readonly Dictionary<SourceFile, int> foundIn = new();

    public IncludeResolver(IReadOnlyList<string> directories, IHeaderFiles files)
    {
        this.directories = directories.Select(d => d.Length > 1 ? d.TrimEnd('/') : d).ToArray();
        this.files = files;
    }

    public IReadOnlyList<string> Directories => directories;

    public SourceFile? Resolve(string name, bool quoted, SourceFile? includer, bool next)
    {
        if (name.StartsWith("/", StringComparison.Ordinal))
            return Open(name, -1);
        if (quoted && includer is not null && !next)
        {
            var slash = includer.Path.LastIndexOf('/');
            var beside = slash < 0 ? name : includer.Path.Substring(0, slash + 1) + name;
            if (Open(beside, foundIn.TryGetValue(includer, out var index) ? index : -1) is { } local)
                return local;
        }
        var start = 0;
        if (next && includer is not null && foundIn.TryGetValue(includer, out var current))
            start = current + 1;
        for (var i = start; i < directories.Count; i++)
        {
            if (Open(directories[i] + "/" + name, i) is { } file)
                return file;
        }
        return start <= directories.Count ? OpenFreestanding(name) : null;
    }

    // The built-in folder counts as the directory after the last, for #include_next from one of its files.
    private SourceFile? OpenFreestanding(string name)
    {
        var path = FreestandingHeaders.Folder + "/" + name;
        if (opened.TryGetValue(path, out var known))
            return known;
        var text = FreestandingHeaders.TryRead(name);
        var file = text is null ? null : new SourceFile(path, text);
        opened[path] = file;
        if (file is not null)
            foundIn[file] = directories.Count;
        return file;
    }

    private SourceFile? Open(string path, int directoryIndex)
    {
        if (opened.TryGetValue(path, out var known))
            return known;
        var text = files.TryRead(path);
        var file = text is null ? null : new SourceFile(path, text);
        opened[path] = file;
        if (file is not null && directoryIndex >= 0)
            foundIn[file] = directoryIndex;
        return file;
    }
}
