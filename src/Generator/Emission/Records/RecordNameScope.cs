namespace KvmSharp.Generator.Emission.Records;

/// <summary>
/// The names taken in one C# scope (the members and nested types of one struct, or the namespace's
/// records). A name that is taken gets <c>_1</c>, <c>_2</c>... appended, first come first served, so the
/// result depends only on declaration order.
/// </summary>
internal sealed class RecordNameScope
{
    // Members every struct inherits from object/ValueType: a field named like one would hide it (CS0108).
    private static readonly string[] Inherited = { "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize" };

    private readonly HashSet<string> taken = new(StringComparer.Ordinal);

    /// <summary>A scope for the members of type <paramref name="typeName"/>, which C# forbids as a member name (CS0542).</summary>
    public static RecordNameScope ForMembersOf(string typeName)
    {
        var scope = new RecordNameScope();
        scope.taken.Add(typeName);
        foreach (var name in Inherited)
            scope.taken.Add(name);
        return scope;
    }

    /// <summary>Marks <paramref name="name"/> as taken without allocating it (names other emitters own).</summary>
    public void Reserve(string name) => taken.Add(name);

    /// <summary>Takes <paramref name="wanted"/>, or the first free <c>wanted_N</c>.</summary>
    public string Take(string wanted)
    {
        var name = CSharpNames.Identifier(wanted);
        for (var n = 1; !taken.Add(name); n++)
            name = CSharpNames.Identifier($"{wanted}_{n}");
        return name;
    }
}
