using System.Text.RegularExpressions;

namespace KvmSharp.Cli.ApiRst;

/// <summary>A field line of a section (<c>:Type: vm ioctl</c>), with the indented lines that continue it.</summary>
/// <param name="Name">The field name (<c>Type</c>).</param>
/// <param name="Value">Its text, continuation lines joined with a space.</param>
/// <param name="Line">The 1-based line of the field.</param>
public sealed record ApiRstField(string Name, string Value, int Line);

/// <summary>A numbered heading of api.rst (<c>4.37 KVM_ENABLE_CAP</c>, <c>7.30.1 KVM_ARM_..._FLAGS_LOCK</c>) and its text.</summary>
/// <param name="Number">The number, without a trailing dot (<c>7.30.1</c>).</param>
/// <param name="Title">The text after the number.</param>
/// <param name="Line">The 1-based line of the heading.</param>
/// <param name="LastLine">The last line before the next heading of any level.</param>
/// <param name="Fields">Its field lines, in order (not those of its subsections).</param>
public sealed record ApiRstHeading(string Number, string Title, int Line, int LastLine, IReadOnlyList<ApiRstField> Fields)
{
    /// <summary>The chapter: the number's first part (<c>7</c>).</summary>
    public string Chapter => Number.Split('.')[0];

    /// <summary>Whether this is <paramref name="other"/> or one of its subsections.</summary>
    public bool IsWithin(ApiRstHeading other) => Number == other.Number || Number.StartsWith(other.Number + ".", StringComparison.Ordinal);
}

/// <summary>One <c>KVM_*</c> name in the text, where it stands.</summary>
/// <param name="Name">The name.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
public sealed record ApiRstMention(string Name, int Line, int Column);

/// <summary>
/// The whole of an api.rst as a reviewer reads it: every numbered heading of every chapter with its field lines, what
/// fields each chapter's preamble says a section gives ("The following information is provided along with the
/// description: Capability: ... Architectures: ..."), and every <c>KVM_*</c> name the text mentions.
/// <see cref="ApiRstDocument"/> reads chapter 4's ioctl facts from the same text.
/// </summary>
public sealed class ApiRstOutline
{
    private static readonly Regex Heading = new(@"^(\d+(?:\.\d+)*)\.?\s+(\S.*?)\s*$");
    private static readonly Regex Underline = new(@"^([-=~^])\1{2,}\s*$");
    private static readonly Regex FieldLine = new(@"^:([A-Za-z][A-Za-z ]*):\s?(.*?)\s*$");
    // A preamble's list: "  Capability:" alone on an indented line.
    private static readonly Regex PreambleField = new(@"^\s{2,}([A-Z][a-z]+):\s*$");
    private static readonly Regex Name = new(@"\bKVM_[A-Z0-9_]*[A-Z0-9]\b");

    private ApiRstOutline(string[] lines, List<ApiRstHeading> headings, Dictionary<string, IReadOnlyList<string>> chapterFields, List<ApiRstMention> mentions)
    {
        Lines = lines;
        Headings = headings;
        ChapterFields = chapterFields;
        Mentions = mentions;
    }

    /// <summary>The text's lines (index 0 is line 1).</summary>
    public IReadOnlyList<string> Lines { get; }

    /// <summary>Every numbered heading, chapters (<c>4</c>) included, in file order.</summary>
    public IReadOnlyList<ApiRstHeading> Headings { get; }

    /// <summary>For each chapter whose preamble lists them, the fields its sections give (<c>4</c>: Capability, Architectures, Type, Parameters, Returns).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ChapterFields { get; }

    /// <summary>
    /// Every <c>KVM_*</c> name of the text. A name written as a pattern is not one: a prefix before <c>*</c>, <c>{</c> or
    /// <c>xyz</c> (<c>KVM_CAP_xyz</c>, <c>KVM_ARM_LOCK_MEM_{READ,WRITE}</c>), or one side of <c>KVM_GET/SET_X</c>.
    /// </summary>
    public IReadOnlyList<ApiRstMention> Mentions { get; }

    /// <summary>Reads api.rst text.</summary>
    public static ApiRstOutline Parse(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var starts = new List<(int Index, string Number, string Title)>();
        for (var i = 0; i + 1 < lines.Length; i++)
        {
            if (Heading.Match(lines[i]) is { Success: true } m && Underline.IsMatch(lines[i + 1]))
                starts.Add((i, m.Groups[1].Value, m.Groups[2].Value));
        }

        var headings = new List<ApiRstHeading>();
        var chapterFields = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        for (var h = 0; h < starts.Count; h++)
        {
            var (index, number, title) = starts[h];
            var end = h + 1 < starts.Count ? starts[h + 1].Index : lines.Length;
            headings.Add(new ApiRstHeading(number, title, index + 1, end, FieldsOf(lines, index + 2, end)));
            if (!number.Contains('.'))
            {
                var listed = lines.Skip(index + 2).Take(end - index - 2).Select(l => PreambleField.Match(l))
                    .Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
                if (listed.Count > 0)
                    chapterFields[number] = listed;
            }
        }
        return new ApiRstOutline(lines, headings, chapterFields, MentionsOf(lines));
    }

    /// <summary>The innermost heading whose text holds <paramref name="line"/>, or null before the first.</summary>
    public ApiRstHeading? HeadingAt(int line) => Headings.LastOrDefault(h => h.Line <= line);

    /// <summary>The first section (not a chapter) whose title names <paramref name="name"/> as a whole word.</summary>
    public ApiRstHeading? SectionOf(string name)
    {
        var word = new Regex($@"(?<![A-Z0-9_]){Regex.Escape(name)}(?![A-Z0-9_])");
        return Headings.FirstOrDefault(h => h.Number.Contains('.') && word.IsMatch(h.Title));
    }

    /// <summary>The fields of <paramref name="section"/> and of its subsections, in file order.</summary>
    public IEnumerable<ApiRstField> FieldsWithin(ApiRstHeading section)
        => Headings.Where(h => h.IsWithin(section)).SelectMany(h => h.Fields);

    /// <summary>The nearest <c>:Architectures:</c> for <paramref name="line"/>: its section's, else an enclosing section's; null when none has one.</summary>
    public ApiRstField? ArchitecturesAt(int line)
    {
        var heading = HeadingAt(line);
        while (heading is not null)
        {
            if (heading.Fields.FirstOrDefault(f => f.Name == "Architectures") is { } field)
                return field;
            var dot = heading.Number.LastIndexOf('.');
            if (dot < 0)
                return null;
            var parent = heading.Number.Substring(0, dot);
            heading = Headings.LastOrDefault(h => h.Number == parent && h.Line <= heading.Line);
        }
        return null;
    }

    private static List<ApiRstField> FieldsOf(string[] lines, int start, int end)
    {
        var fields = new List<ApiRstField>();
        for (var i = start; i < end; i++)
        {
            var m = FieldLine.Match(lines[i]);
            if (!m.Success)
                continue;
            var value = m.Groups[2].Value;
            // ":Parameters: flags is one of A or\n                     B": indented lines go on.
            var j = i + 1;
            for (; j < end && lines[j].Length > 0 && char.IsWhiteSpace(lines[j][0]) && lines[j].Trim().Length > 0; j++)
                value += " " + lines[j].Trim();
            fields.Add(new ApiRstField(m.Groups[1].Value, value.Trim(), i + 1));
            i = j - 1;
        }
        return fields;
    }

    private static List<ApiRstMention> MentionsOf(string[] lines)
    {
        var mentions = new List<ApiRstMention>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            foreach (Match m in Name.Matches(line))
            {
                var after = m.Index + m.Length;
                var next = after < line.Length ? line[after] : ' ';
                var before = m.Index > 0 ? line[m.Index - 1] : ' ';
                // KVM_CAP_xyz, KVM_X_{A,B}, KVM_X_*, KVM_GET/SET_Y: patterns, not names.
                if (next is '_' or '*' or '{' or '/' or '<' || char.IsLower(next) || before is '/')
                    continue;
                mentions.Add(new ApiRstMention(m.Value, i + 1, m.Index + 1));
            }
        }
        return mentions;
    }
}
