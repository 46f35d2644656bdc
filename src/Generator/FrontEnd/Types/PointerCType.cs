namespace KvmSharp.Generator.FrontEnd.Types;

internal sealed class PointerCType : CType
{
    public PointerCType(CType pointee) => Pointee = pointee;

    public CType Pointee { get; }

    public override string Spelling => Pointee switch
    {
        FunctionCType f => $"{f.ReturnType.Spelling} (*)({f.Parameters})",
        PointerCType { Pointee: FunctionCType f } => $"{f.ReturnType.Spelling} (**)({f.Parameters})",
        _ => Pointee.Spelling.EndsWith("*", StringComparison.Ordinal) ? Pointee.Spelling + "*" : Pointee.Spelling + " *",
    };
}
