namespace KvmSharp.Generator.FrontEnd.Lexing;

/// <summary>
/// An immutable set of macro names (Prosser's hide set). Sets are interned in a trie keyed by the
/// names added, so equal sets built the same way are one object and adding a name to a set seen
/// before allocates nothing: macro expansion does this for every token it produces.
/// </summary>
internal sealed class HideSet
{
    // The trie only grows with the distinct nestings of macros in the headers read; cap it anyway,
    // since a long-lived IDE process may read many different headers. The empty set's children are every
    // macro name expanded at all, a thousand and more for kvm.h: a small cap there would cache almost none.
    private const int MaxChildren = 64;
    private const int MaxChildrenOfEmpty = 4096;

    private readonly string[] names;
    // Made on the first Add: most sets are leaves, and a dictionary each would be most of the trie's memory.
    private Dictionary<string, HideSet>? children;

    private HideSet(string[] names) => this.names = names;

    public static HideSet Empty { get; } = new(Array.Empty<string>());

    public bool Contains(string name)
    {
        foreach (var n in names)
        {
            if (ReferenceEquals(n, name) || n == name)
                return true;
        }
        return false;
    }

    public HideSet Add(string name)
    {
        if (Contains(name))
            return this;
        lock (this) // a private type: nothing else locks on it
        {
            children ??= new Dictionary<string, HideSet>(StringComparer.Ordinal);
            if (children.TryGetValue(name, out var known))
                return known;
            var copy = new string[names.Length + 1];
            names.CopyTo(copy, 0);
            copy[names.Length] = name;
            var added = new HideSet(copy);
            if (children.Count < (names.Length == 0 ? MaxChildrenOfEmpty : MaxChildren))
                children[name] = added;
            return added;
        }
    }

    public HideSet Union(HideSet other)
    {
        if (ReferenceEquals(this, other) || other.names.Length == 0)
            return this;
        if (names.Length == 0)
            return other;
        var result = this;
        foreach (var name in other.names)
            result = result.Add(name);
        return result;
    }

    public HideSet Intersect(HideSet other)
    {
        if (ReferenceEquals(this, other))
            return this;
        if (names.Length == 0 || other.names.Length == 0)
            return Empty;
        var result = Empty;
        foreach (var name in names)
        {
            if (other.Contains(name))
                result = result.Add(name);
        }
        return result;
    }
}
