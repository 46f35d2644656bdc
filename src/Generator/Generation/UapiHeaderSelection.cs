using KvmSharp.Generator.Model;
using Microsoft.CodeAnalysis.CSharp;

namespace KvmSharp.Generator.Generation;

/// <summary>
/// One <c>KvmUapiHeader</c> item: a uAPI header besides <c>linux/kvm.h</c> whose bindings the project wants, read in a
/// translation unit of its own so that editing it regenerates only its bindings.
/// </summary>
/// <param name="Header">The header, as <c>#include &lt;...&gt;</c> names it (<c>linux/vhost.h</c>).</param>
/// <param name="IncludeFirst">The item's <c>IncludeFirst</c>: headers read before it, as clang's <c>-include</c>.</param>
/// <param name="ExplicitNamespace">The item's <c>Namespace</c>, or null for the one named after the header.</param>
internal sealed record UapiHeaderSelection(string Header, EquatableArray<string> IncludeFirst, string? ExplicitNamespace)
{
    /// <summary>
    /// Reads the list KvmSharp.targets passes: items separated by <c>|</c>, each <c>HEADER&gt;INCLUDEFIRST&gt;NAMESPACE</c>
    /// with the include-first headers separated by <c>,</c> (MSBuild's <c>;</c> would start a comment in the compiler's
    /// .editorconfig). Empty entries are skipped; a header listed twice is read once, its first item winning.
    /// </summary>
    public static EquatableArray<UapiHeaderSelection> Parse(string listed)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<UapiHeaderSelection>();
        foreach (var entry in listed.Split('|'))
        {
            var parts = entry.Split('>');
            var header = parts[0].Trim();
            if (header.Length == 0 || !seen.Add(header))
                continue;
            var first = parts.Length > 1
                ? parts[1].Split(new[] { ',', ';' }, StringSplitOptions.RemoveEmptyEntries).Select(h => h.Trim()).Where(h => h.Length > 0).ToEquatableArray()
                : EquatableArray<string>.Empty;
            var ns = parts.Length > 2 && parts[2].Trim().Length > 0 ? parts[2].Trim() : null;
            result.Add(new UapiHeaderSelection(header, first, ns));
        }
        return result.ToEquatableArray();
    }

    /// <summary>
    /// Where the header's API goes: the item's <c>Namespace</c>, else <paramref name="root"/><c>.Uapi.</c> and the
    /// header's path without <c>linux/</c> and <c>.h</c>, each folder a namespace, each name in Pascal case
    /// (<c>linux/vhost.h</c> is <c>KvmSharp.Uapi.Vhost</c>, <c>linux/if_tun.h</c> <c>KvmSharp.Uapi.IfTun</c>,
    /// <c>asm/bootparam.h</c> <c>KvmSharp.Uapi.Asm.Bootparam</c>).
    /// </summary>
    public string NamespaceUnder(string root)
    {
        if (ExplicitNamespace is not null)
            return ExplicitNamespace;
        var path = Header.Replace('\\', '/');
        if (path.StartsWith("linux/", StringComparison.Ordinal))
            path = path.Substring("linux/".Length);
        if (path.EndsWith(".h", StringComparison.OrdinalIgnoreCase))
            path = path.Substring(0, path.Length - 2);
        var parts = path.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries).Select(Part);
        return root + ".Uapi." + string.Join(".", parts);
    }

    /// <summary>The last word of the namespace: the first word of its classes (<c>VhostConstants</c>, <c>VhostIoctls</c>).</summary>
    public string ClassPrefix(string root)
    {
        var ns = NamespaceUnder(root);
        return ns.Substring(ns.LastIndexOf('.') + 1);
    }

    /// <summary>Whether <see cref="NamespaceUnder"/> can follow <c>namespace</c> in C#.</summary>
    public bool HasValidNamespace(string root) => NamespaceUnder(root).Split('.').All(part =>
        SyntaxFacts.IsValidIdentifier(part) && SyntaxFacts.GetKeywordKind(part) == SyntaxKind.None);

    // "if_tun" -> "IfTun", "virtio-net" -> "VirtioNet": the names the records and constants get.
    private static string Part(string name) => Emission.CSharpNames.Pascal(name.Replace('-', '_').Replace('.', '_'));
}
