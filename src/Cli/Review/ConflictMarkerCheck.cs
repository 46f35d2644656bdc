using System.Text.RegularExpressions;

namespace KvmSharp.Cli.Review;

/// <summary>
/// KVMR0002: the lines git writes into a file it could not merge (<c>&lt;&lt;&lt;&lt;&lt;&lt;&lt; ours</c>,
/// <c>|||||||</c>, <c>=======</c>, <c>&gt;&gt;&gt;&gt;&gt;&gt;&gt; theirs</c>), in api.rst and in every header read. A
/// line of seven <c>=</c> is also reStructuredText's underline of a seven-letter title, so it counts only inside a
/// conflict that a <c>&lt;&lt;&lt;&lt;&lt;&lt;&lt;</c> opened.
/// </summary>
internal static class ConflictMarkerCheck
{
    private static readonly Regex Marker = new(@"^(<{7}|>{7}|\|{7})(?:\s|$)");
    private static readonly Regex Separator = new(@"^={7}\s*$");

    public static void Run(ReviewContext context, List<ReviewFinding> findings)
    {
        Scan(context.ApiRstPath, context.Outline.Lines, findings);
        foreach (var (path, text) in context.HeaderTexts)
            Scan(path, text.Replace("\r\n", "\n").Split('\n'), findings);
    }

    private static void Scan(string path, IReadOnlyList<string> lines, List<ReviewFinding> findings)
    {
        var open = false;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var marker = Marker.Match(line);
            if (marker.Success)
            {
                var kind = marker.Groups[1].Value[0];
                var message = kind switch
                {
                    '<' => "a merge conflict begins here",
                    '|' => "a merge conflict's common ancestor begins here",
                    _ when open => "a merge conflict ends here",
                    _ => "a leftover line of a merge conflict (its other markers are gone)",
                };
                findings.Add(new ReviewFinding(ReviewIds.ConflictMarker, path, i + 1, 1, $"{message}: '{Shorten(line)}'; resolve it and delete the line"));
                open = kind != '>';
            }
            else if (open && Separator.IsMatch(line))
            {
                findings.Add(new ReviewFinding(ReviewIds.ConflictMarker, path, i + 1, 1, "the middle of a merge conflict: '======='; resolve it and delete the line"));
            }
        }
    }

    private static string Shorten(string line) => line.Length <= 80 ? line.TrimEnd() : line.Substring(0, 77) + "...";
}
