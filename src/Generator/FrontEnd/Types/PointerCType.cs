namespace KvmSharp.Generator.FrontEnd.Types;

internal sealed class PointerCType : CType
{
    public PointerCType(CType pointee) => Pointee = pointee;

    public CType Pointee { get; }

    // A chain of pointers is spelled in one pass, not one call per '*': a hostile header's thousands of them in one
    // declarator must not overflow the stack.
    public override string Spelling
    {
        get
        {
            var stars = 0;
            CType innermost = this;
            while (innermost is PointerCType { Pointee: not FunctionCType and not PointerCType { Pointee: FunctionCType } } pointer)
            {
                stars++;
                innermost = pointer.Pointee;
            }
            var spelling = innermost switch
            {
                PointerCType { Pointee: FunctionCType f } => $"{f.ReturnType.Spelling} (*)({f.Parameters})",
                PointerCType { Pointee: PointerCType { Pointee: FunctionCType f } } => $"{f.ReturnType.Spelling} (**)({f.Parameters})",
                _ => innermost.Spelling,
            };
            if (stars == 0)
                return spelling;
            return spelling + (spelling.EndsWith("*", StringComparison.Ordinal) ? "" : " ") + new string('*', stars);
        }
    }
}
