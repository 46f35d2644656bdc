using KvmSharp.Generator.FrontEnd.Layout;
using KvmSharp.Generator.Model;
using KvmSharp.Generator.FrontEnd.Types;

namespace KvmSharp.Generator.FrontEnd.Extraction;

/// <summary>Turns parser types into the model's <see cref="TypeReference"/>, keeping the header's spelling.</summary>
internal sealed class TypeReferences
{
    private readonly TypeLayout layout;

    public TypeReferences(TypeLayout layout) => this.layout = layout;

    /// <summary>Splits array dimensions (outermost first) from the element type.</summary>
    public static (CType Element, List<long> Dimensions, bool Incomplete) Unwrap(CType type)
    {
        var dimensions = new List<long>();
        var incomplete = false;
        var current = type;
        while (true)
        {
            if (current is ArrayCType array)
            {
                if (array.Length is null)
                    incomplete = true;
                dimensions.Add(array.Length ?? 0);
                current = array.Element;
            }
            else if (current is TypedefCType { Resolved: ArrayCType } typedef)
            {
                current = typedef.Resolved;
            }
            else
            {
                return (current, dimensions, incomplete);
            }
        }
    }

    public TypeReference Reference(CType type)
    {
        layout.TryGetSize(type, out var size, out _);
        layout.TryGetAlign(type, out var align, out _);
        var resolved = type.Resolved;
        switch (resolved)
        {
            case IntegerCType integer:
                return new TypeReference(type.Spelling, TypeCategory.Integer, size, align, integer.Kind, integer.Kind.IsSigned(layout.Arch.CharIsSigned));
            case EnumCType e:
                return new TypeReference(type.Spelling, TypeCategory.Enum, size, align, e.Underlying, e.Underlying.IsSigned(layout.Arch.CharIsSigned), e.Tag ?? e.TypedefName);
            case RecordCType record:
                return new TypeReference(type.Spelling, TypeCategory.Record, size, align, null, false, record.Tag ?? record.TypedefName);
            case PointerCType:
                return new TypeReference(type.Spelling, TypeCategory.Pointer, 8, 8);
            case FloatingCType:
                return new TypeReference(type.Spelling, TypeCategory.Floating, size, align);
            default:
                return new TypeReference(type.Spelling, TypeCategory.Void, size, align);
        }
    }
}
