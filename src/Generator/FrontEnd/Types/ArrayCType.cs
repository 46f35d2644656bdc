namespace KvmSharp.Generator.FrontEnd.Types;

internal sealed class ArrayCType : CType
{
    public ArrayCType(CType element, long? length)
    {
        Element = element;
        Length = length;
    }

    public CType Element { get; }

    /// <summary>Null for <c>[]</c>.</summary>
    public long? Length { get; }

    public override string Spelling => $"{Element.Spelling}[{Length}]";
}
