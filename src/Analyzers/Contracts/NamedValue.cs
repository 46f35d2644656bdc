namespace KvmSharp.Analyzers.Contracts;

/// <summary>A named bit or value, as the header defines it.</summary>
internal readonly struct NamedValue
{
    public NamedValue(string name, ulong value)
    {
        Name = name;
        Value = value;
    }

    public string Name { get; }

    public ulong Value { get; }
}
