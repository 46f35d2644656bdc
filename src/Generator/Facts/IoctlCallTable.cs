namespace KvmSharp.Generator.Facts;

/// <summary>
/// How typed methods take what an ioctl is given by value and which ioctls answer yes or no
/// (<c>IoctlCalls.txt</c>, an embedded resource, read once). One line an ioctl, <c>NAME | CALL | SOURCE</c>, with CALL
/// <c>none</c>, <c>value NAME</c> or <c>yes-no ERRNO</c>; <c>#</c> starts a comment line.
/// </summary>
public sealed class IoctlCallTable
{
    /// <summary>The name of the embedded resource.</summary>
    public const string ResourceName = "KvmSharp.Generator.Facts.IoctlCalls.txt";

    private static readonly Lazy<IoctlCallTable> Shipped = new(() => FactText.Shipped(ResourceName, Parse));

    private readonly Dictionary<string, IoctlCall> byName;

    private IoctlCallTable(IReadOnlyList<IoctlCall> calls)
    {
        All = calls;
        byName = calls.ToDictionary(c => c.Name, StringComparer.Ordinal);
    }

    /// <summary>The table KvmSharp ships.</summary>
    public static IoctlCallTable BuiltIn => Shipped.Value;

    /// <summary>Every line, in table order.</summary>
    public IReadOnlyList<IoctlCall> All { get; }

    /// <summary>What the table says of <paramref name="name"/>, or null.</summary>
    public IoctlCall? Find(string name) => byName.TryGetValue(name, out var call) ? call : null;

    /// <summary>Reads table text; each line that cannot be read is a problem (<c>line N: ...</c>) and is left out.</summary>
    public static IoctlCallTable Parse(string text, List<string> problems)
        => new(FactText.NamedFacts<IoctlCall>(text, problems, ParseLine, c => c.Name));

    private static IoctlCall? ParseLine(string line, int number, out string? problem)
    {
        var columns = line.Split('|').Select(c => c.Trim()).ToArray();
        var words = columns.Length == 3 ? columns[1].Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries) : Array.Empty<string>();
        IoctlCall? call = null;
        if (words.Length == 1 && words[0] == "none")
            call = new IoctlCall(columns[0], IoctlCallKind.None, null, null, columns[2]);
        else if (words.Length == 2 && words[0] == "value" && IsIdentifier(words[1]))
            call = new IoctlCall(columns[0], IoctlCallKind.Value, words[1], null, columns[2]);
        else if (words.Length == 2 && words[0] == "yes-no" && words[1].Length > 1 && words[1][0] == 'E' && words[1].All(char.IsUpper))
            call = new IoctlCall(columns[0], IoctlCallKind.YesNo, null, words[1], columns[2]);
        var valid = call is not null && call.Name.StartsWith("KVM_", StringComparison.Ordinal) && call.Source.Length > 0;
        problem = valid ? null : "expected NAME | none, value NAME or yes-no ERRNO | SOURCE";
        return valid ? call : null;
    }

    private static bool IsIdentifier(string word)
        => word.Length > 0 && char.IsLower(word[0]) && word.All(char.IsLetterOrDigit);
}
