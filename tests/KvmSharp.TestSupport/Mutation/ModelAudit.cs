using System.Text;
using System.Text.RegularExpressions;
using KvmSharp.Generator.Model;

namespace KvmSharp.TestSupport.Mutation;

/// <summary>
/// Checks what the front-end promises about a model whatever the input: every diagnostic points into a
/// file that was read, at a line and column that exist there, and an error says what is wrong.
/// </summary>
internal static partial class ModelAudit
{
    [GeneratedRegex(@"^KVMH\d{4}$")]
    private static partial Regex DiagnosticId();

    /// <param name="files">The texts the front-end was given, keyed by path (the mutated ones for a copy).</param>
    public static List<CopyFailure> Check(HeaderModel? model, IReadOnlyDictionary<string, string> files)
    {
        var failures = new List<CopyFailure>();
        if (model is null)
        {
            failures.Add(new CopyFailure(FailureKind.BadModel, "null model", "Read returned null"));
            return failures;
        }

        var read = new HashSet<string>(model.Files, StringComparer.Ordinal);
        foreach (var file in model.Files)
        {
            if (file is null || !files.ContainsKey(file))
                failures.Add(new CopyFailure(FailureKind.BadModel, "Files lists an unknown file", $"HeaderModel.Files lists {file ?? "null"}, which was never served"));
        }

        var lines = new Dictionary<string, LineTable>(StringComparer.Ordinal);
        foreach (var diagnostic in model.Diagnostics)
        {
            if (diagnostic is null)
            {
                failures.Add(new CopyFailure(FailureKind.BadModel, "null diagnostic", "Diagnostics holds null"));
                continue;
            }

            var problem = Problem(diagnostic, files, read, lines);
            if (problem is not null)
                failures.Add(new CopyFailure(FailureKind.BadDiagnostic, $"{diagnostic.Id}: {problem}", $"{problem}: {Show(diagnostic)}"));
        }

        return failures;
    }

    private static string? Problem(HeaderDiagnostic diagnostic, IReadOnlyDictionary<string, string> files,
        HashSet<string> read, Dictionary<string, LineTable> lines)
    {
        if (diagnostic.Id is null || !DiagnosticId().IsMatch(diagnostic.Id))
            return "id is not KVMHnnnn";
        if (diagnostic.Severity == DiagnosticSeverity.Error && string.IsNullOrWhiteSpace(diagnostic.Message))
            return "error with an empty message";
        var location = diagnostic.Location;
        if (location is null)
            return "no location";
        if (location.File is null || !files.TryGetValue(location.File, out var text))
            return "location names a file that was not read";
        if (!read.Contains(location.File))
            return "location names a file missing from HeaderModel.Files";
        if (location.Line < 1)
            return "line < 1";
        if (location.Column < 1)
            return "column < 1";
        if (!lines.TryGetValue(location.File, out var table))
            lines[location.File] = table = new LineTable(text);
        if (location.Line > table.MaxLine)
            return "line past the end of the file";
        if (table.MaxColumn(location.Line) is { } maxColumn && location.Column > maxColumn)
            return "column past the end of the line";
        return null;
    }

    private static string Show(HeaderDiagnostic d)
        => $"{d.Location?.ToString() ?? "(no location)"}: {d.Severity} {d.Id}: {HeaderEdit.Quote(d.Message ?? "(null)")}";

    /// <summary>
    /// The lines of a text as far as a location can point: a line ends at '\n'; columns count bytes
    /// (UTF-8, so a front-end counting chars stays within), and one past the end is the end of the line.
    /// </summary>
    private sealed class LineTable
    {
        private readonly List<int> starts = [0];
        private readonly string text;
        private readonly bool hasLoneCarriageReturn;

        public LineTable(string text)
        {
            this.text = text;
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == '\n')
                    starts.Add(i + 1);
                else if (text[i] == '\r' && (i + 1 == text.Length || text[i + 1] != '\n'))
                    hasLoneCarriageReturn = true;
            }

            // Without a final '\n', end of file may be reported on the line after the last one.
            // A lone '\r' ends a line for clang: a front-end doing the same may count more lines than '\n' gives.
            MaxLine = starts.Count + (text.Length > 0 && text[^1] != '\n' ? 1 : 0)
                + (hasLoneCarriageReturn ? text.Count(c => c == '\r') : 0);
        }

        /// <summary>The last line a location may name: the line count, plus one for end of file.</summary>
        public int MaxLine { get; }

        /// <summary>The last column on <paramref name="line"/>; null when lone '\r's make the line numbering ambiguous.</summary>
        public int? MaxColumn(int line)
        {
            if (hasLoneCarriageReturn || line > starts.Count)
                return null;
            var start = starts[line - 1];
            var end = line < starts.Count ? starts[line] - 1 : text.Length;
            if (end > start && text[end - 1] == '\r')
                end--;
            return Encoding.UTF8.GetByteCount(text.AsSpan(start, end - start)) + 1;
        }
    }
}
