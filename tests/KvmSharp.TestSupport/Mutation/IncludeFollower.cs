using System.Text.RegularExpressions;
using KvmSharp.Generator.FrontEnd;
using KvmSharp.Generator;

namespace KvmSharp.TestSupport.Mutation;

/// <summary>
/// Finds the files a header pulls in by following its <c>#include</c> lines, whatever the
/// conditionals around them: a stand-in for the front-end's own list while the front-end cannot read,
/// and over-inclusive on purpose (an extra file in memory costs nothing).
/// </summary>
internal static partial class IncludeFollower
{
    [GeneratedRegex(@"^[ \t]*#[ \t]*include[ \t]*([<""])([^>""\n]+)[>""]", RegexOptions.Multiline)]
    private static partial Regex IncludeLine();

    public static IReadOnlyList<HeaderText> Follow(HeaderRequest request, IHeaderFiles files)
    {
        var main = Resolve(request.Header, null, request.IncludeDirectories, files)
            ?? throw new FileNotFoundException($"{request.Header} is in none of: {string.Join(", ", request.IncludeDirectories)}");
        var opened = new List<HeaderText> { main };
        var seen = new HashSet<string>(StringComparer.Ordinal) { main.Path };
        for (var next = 0; next < opened.Count; next++)
        {
            foreach (Match include in IncludeLine().Matches(opened[next].Text))
            {
                var folder = include.Groups[1].Value == "\"" ? Path.GetDirectoryName(opened[next].Path) : null;
                var found = Resolve(include.Groups[2].Value.Trim(), folder, request.IncludeDirectories, files);
                if (found is not null && seen.Add(found.Path))
                    opened.Add(found);
            }
        }

        return opened;
    }

    private static HeaderText? Resolve(string name, string? includingFolder, IReadOnlyList<string> directories, IHeaderFiles files)
    {
        var candidates = includingFolder is null ? directories : directories.Prepend(includingFolder);
        foreach (var directory in candidates)
        {
            var path = Path.Combine(directory, name);
            if (files.TryRead(path) is { } text)
                return new HeaderText(path, text);
        }

        return null;
    }
}
