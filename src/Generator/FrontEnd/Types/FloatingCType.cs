namespace KvmSharp.Generator.FrontEnd.Types;

internal sealed class FloatingCType : CType
{
    public FloatingCType(string name) => Name = name;

    public static FloatingCType Float { get; } = new("float");
    public static FloatingCType Double { get; } = new("double");
    public static FloatingCType LongDouble { get; } = new("long double");

    public string Name { get; }

    public override string Spelling => Name;
}
