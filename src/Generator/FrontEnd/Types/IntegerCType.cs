using KvmSharp.Generator.Model;

namespace KvmSharp.Generator.FrontEnd.Types;

internal sealed class IntegerCType : CType
{
    private static readonly IntegerCType[] All = Enum.GetValues(typeof(CIntegerKind)).Cast<CIntegerKind>().Select(k => new IntegerCType(k)).ToArray();

    private IntegerCType(CIntegerKind kind) => Kind = kind;

    public CIntegerKind Kind { get; }

    public static IntegerCType Of(CIntegerKind kind) => All[(int)kind];

    public override string Spelling => Kind.Spelling();
}
