using System.Reflection;

namespace KvmSharp.Generator.Facts;

/// <summary>The line format the fact tables share: an embedded text resource, <c>#</c> comment lines, <c>|</c> columns.</summary>
internal static class FactText
{
    /// <summary>The text of embedded resource <paramref name="resourceName"/> of the generator.</summary>
    public static string Read(string resourceName)
    {
        using var stream = typeof(FactText).GetTypeInfo().Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"resource {resourceName} is missing from the generator");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Each line that holds a fact (not blank, not a comment), trimmed, with its 1-based number.</summary>
    public static IEnumerable<(int Number, string Text)> Lines(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length > 0 && line[0] != '#')
                yield return (i + 1, line);
        }
    }

    /// <summary>Reads one line of a table: the fact, or null and why not.</summary>
    public delegate T? LineReader<T>(string line, int number, out string? problem) where T : class;

    /// <summary>
    /// The facts of a table that states one fact per line, each about a named ioctl: a line <paramref name="read"/>
    /// cannot read, or that names an ioctl a line above named already, is a problem (<c>line N: ...</c>) and left out.
    /// </summary>
    public static List<T> NamedFacts<T>(string text, List<string> problems, LineReader<T> read, Func<T, string> name) where T : class
    {
        var facts = new List<T>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (number, line) in Lines(text))
        {
            var fact = read(line, number, out var problem);
            if (fact is null)
                problems.Add($"line {number}: {problem}");
            else if (!seen.Add(name(fact)))
                problems.Add($"line {number}: {name(fact)} is listed twice");
            else
                facts.Add(fact);
        }
        return facts;
    }

    /// <summary>A table the generator ships must read without a problem: a problem is a KvmSharp bug, said at once.</summary>
    public static T Shipped<T>(string resourceName, Func<string, List<string>, T> parse)
    {
        var problems = new List<string>();
        var table = parse(Read(resourceName), problems);
        if (problems.Count > 0)
            throw new InvalidOperationException($"{resourceName}: {string.Join("; ", problems)}");
        return table;
    }
}
