using System.Text;
using KvmSharp.Generator.FrontEnd;
using KvmSharp.Generator;

namespace KvmSharp.TestSupport.Mutation;

/// <summary>
/// The headers one read of <c>linux/kvm.h</c> opens, loaded from disk once and kept unmutated;
/// mutated copies are built from it by <see cref="Apply"/>.
/// </summary>
internal sealed class HeaderSet
{
    private readonly Dictionary<string, HeaderText> files;

    public HeaderSet(HeaderRequest request, IReadOnlyList<HeaderText> opened, string source)
    {
        if (opened.Count == 0)
            throw new ArgumentException("A header set holds at least the main header.", nameof(opened));
        Request = request;
        Paths = opened.Select(f => f.Path).ToArray();
        files = opened.ToDictionary(f => f.Path, StringComparer.Ordinal);
        Main = opened[0];
        ArchHeader = opened.FirstOrDefault(f => f.Path.Replace('\\', '/').EndsWith("/asm/kvm.h", StringComparison.Ordinal));
        Source = source;
    }

    public HeaderRequest Request { get; }

    /// <summary>Every file, in the order it was first opened; the first is the main header.</summary>
    public IReadOnlyList<string> Paths { get; }

    public IReadOnlyDictionary<string, HeaderText> Files => files;

    /// <summary>The header the request names (<c>linux/kvm.h</c>).</summary>
    public HeaderText Main { get; }

    /// <summary>The arch's <c>asm/kvm.h</c>, when the set has one.</summary>
    public HeaderText? ArchHeader { get; }

    /// <summary>How the file list was found: by the front-end itself, or by following <c>#include</c> lines.</summary>
    public string Source { get; }

    /// <summary>The unmutated texts, keyed by path, as <see cref="InMemoryHeaderFiles"/> takes them.</summary>
    public IReadOnlyDictionary<string, string> Texts() => files.ToDictionary(f => f.Key, f => f.Value.Text, StringComparer.Ordinal);

    /// <summary>The texts with <paramref name="edits"/> applied; files without an edit are shared, not copied.</summary>
    public IReadOnlyDictionary<string, string> Apply(IEnumerable<HeaderEdit> edits)
    {
        var texts = new Dictionary<string, string>(files.Count, StringComparer.Ordinal);
        foreach (var (path, header) in files)
            texts[path] = header.Text;
        foreach (var group in Normalize(edits).GroupBy(e => e.File))
        {
            if (files.TryGetValue(group.Key, out var header))
                texts[group.Key] = ApplyTo(header.Text, group);
        }

        return texts;
    }

    /// <summary>
    /// Orders edits by position and drops every edit that overlaps an earlier one, so that applying
    /// them left to right is well defined and the kept list is exactly what a copy holds.
    /// </summary>
    public static IReadOnlyList<HeaderEdit> Normalize(IEnumerable<HeaderEdit> edits)
    {
        var kept = new List<HeaderEdit>();
        foreach (var group in edits.GroupBy(e => e.File))
        {
            var end = 0;
            foreach (var edit in group.OrderBy(e => e.Start)) // stable: equal starts keep their order
            {
                if (edit.Start < end)
                    continue;
                kept.Add(edit);
                end = edit.End;
            }
        }

        return kept;
    }

    private static string ApplyTo(string text, IEnumerable<HeaderEdit> sortedEdits)
    {
        var result = new StringBuilder(text.Length + 64);
        var position = 0;
        foreach (var edit in sortedEdits)
        {
            result.Append(text, position, edit.Start - position).Append(edit.Insert);
            position = edit.End;
        }

        return result.Append(text, position, text.Length - position).ToString();
    }
}
