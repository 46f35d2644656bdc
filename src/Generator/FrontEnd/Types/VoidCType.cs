namespace KvmSharp.Generator.FrontEnd.Types;

internal sealed class VoidCType : CType
{
    public static VoidCType Instance { get; } = new();

    public override string Spelling => "void";
}
