using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace KvmSharp.Cli.Diff;

/// <summary>Writes an <see cref="AbiDiffReport"/>: text for people, breaks first, or JSON for tools.</summary>
internal static class DiffReportWriter
{
    private static readonly AbiItemKind[] Items = Enum.GetValues<AbiItemKind>();

    /// <summary>The report as text, one change a line, under a heading per group, ending with a summary line.</summary>
    public static string Text(AbiDiffReport report, string oldLabel, string newLabel)
    {
        var text = new StringBuilder();
        text.Append($"kvmgen diff {report.Arch}: {oldLabel} -> {newLabel}\n");
        Group(text, "ABI breaks", report.Changes.Where(c => c.IsBreak).ToList());
        Group(text, "Removed", report.Changes.Where(c => !c.IsBreak && c.Change == AbiChangeKind.Removed).ToList());
        Group(text, "Changed, compatibly", report.Changes.Where(c => !c.IsBreak && c.Change == AbiChangeKind.Changed).ToList());
        Group(text, "Added", report.Changes.Where(c => c.Change == AbiChangeKind.Added).ToList());
        text.Append(Summary(report)).Append('\n');
        return text.ToString();
    }

    /// <summary>One line: <c>0 ABI breaks; added: 1 capability, 5 flags; removed: nothing; changed compatibly: nothing</c>.</summary>
    public static string Summary(AbiDiffReport report)
    {
        var breaks = report.Changes.Count(c => c.IsBreak);
        return $"{breaks} ABI break{(breaks == 1 ? "" : "s")}; added: {Counts(report, AbiChangeKind.Added)}; " +
            $"removed: {Counts(report, AbiChangeKind.Removed)}; changed: {Counts(report, AbiChangeKind.Changed)}";
    }

    private static string Counts(AbiDiffReport report, AbiChangeKind kind)
    {
        var parts = Items.Select(i => (Item: i, Count: report.Of(kind, i).Count())).Where(p => p.Count > 0)
            .Select(p => $"{p.Count} {Noun(p.Item, p.Count)}").ToList();
        return parts.Count == 0 ? "nothing" : string.Join(", ", parts);
    }

    private static string Noun(AbiItemKind item, int count)
    {
        var one = item switch
        {
            AbiItemKind.Capability => "capability",
            AbiItemKind.Flag => "flag",
            AbiItemKind.Constant => "constant",
            AbiItemKind.Ioctl => "ioctl",
            AbiItemKind.Record => "record",
            _ => "enumerator",
        };
        return count == 1 ? one : item == AbiItemKind.Capability ? "capabilities" : one + "s";
    }

    private static void Group(StringBuilder text, string title, List<AbiChange> changes)
    {
        if (changes.Count == 0)
            return;
        text.Append($"\n{title} ({changes.Count}):\n");
        foreach (var change in changes)
        {
            var value = change.Change switch
            {
                AbiChangeKind.Added => change.New,
                AbiChangeKind.Removed => change.Old,
                _ => null,
            };
            text.Append($"  {Noun(change.Item, 1)} {change.Name}");
            if (value is not null)
                text.Append(change.Item is AbiItemKind.Ioctl or AbiItemKind.Record ? $": {value}" : $" = {value}");
            if (change.Details.Count > 0)
                text.Append(value is null ? ": " : "; ").Append(string.Join("; ", change.Details));
            text.Append('\n');
        }
    }

    /// <summary>The report as JSON: <c>arch</c>, <c>old</c>, <c>new</c>, <c>breaks</c> (a count) and <c>changes</c>, in the text's order.</summary>
    public static string Json(AbiDiffReport report, string oldLabel, string newLabel)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Indented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            NewLine = "\n",
        }))
        {
            json.WriteStartObject();
            json.WriteString("arch", report.Arch);
            WriteSide(json, "old", oldLabel, report.OldVersion);
            WriteSide(json, "new", newLabel, report.NewVersion);
            json.WriteNumber("breaks", report.Changes.Count(c => c.IsBreak));
            json.WriteStartArray("changes");
            foreach (var change in report.Changes)
            {
                json.WriteStartObject();
                json.WriteString("item", change.Item.ToString().ToLowerInvariant());
                json.WriteString("name", change.Name);
                json.WriteString("change", change.Change.ToString().ToLowerInvariant());
                json.WriteBoolean("break", change.IsBreak);
                WriteStringOrNull(json, "old", change.Old);
                WriteStringOrNull(json, "new", change.New);
                json.WriteStartArray("details");
                foreach (var detail in change.Details)
                    json.WriteStringValue(detail);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }

    private static void WriteSide(Utf8JsonWriter json, string name, string label, string? version)
    {
        json.WriteStartObject(name);
        json.WriteString("include", label);
        WriteStringOrNull(json, "linux_version", version);
        json.WriteEndObject();
    }

    private static void WriteStringOrNull(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
            json.WriteNull(name);
        else
            json.WriteString(name, value);
    }
}
