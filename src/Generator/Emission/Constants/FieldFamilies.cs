using KvmSharp.Generator.Model;

namespace KvmSharp.Generator.Emission.Constants;

/// <summary>
/// The constant families a header defines inside a struct, right above the member that holds them:
/// <code>
/// struct {
/// #define KVM_EXIT_IO_IN  0
/// #define KVM_EXIT_IO_OUT 1
///     __u8 direction;
/// </code>
/// The kernel writes a member's values this way (<c>kvm_run</c>'s io direction, system_event type, msr reason,
/// memory_fault flags), so the member is typed by the family's enum, with the member's C type as the enum's
/// underlying type: the layout is unchanged and a comparison needs no cast.
/// </summary>
internal static class FieldFamilies
{
    /// <summary>
    /// The family of each member that has one, keyed by the member's location (unique in a header), with the member's
    /// C type and a C expression of it (<c>((struct kvm_run *)0)-&gt;io.direction</c>) for what names it.
    /// </summary>
    public static Dictionary<SourceLocation, FieldFamily> Find(HeaderModel model, IReadOnlyList<ConstantFamily> families)
    {
        var found = new Dictionary<SourceLocation, FieldFamily>();
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in model.Records)
        {
            if (record.CSpelling is { } spelling)
                Visit(record, $"(({spelling} *)0)->", families, found, claimed);
        }
        return found;
    }

    private static void Visit(RecordModel record, string path, IReadOnlyList<ConstantFamily> families,
        Dictionary<SourceLocation, FieldFamily> found, HashSet<string> claimed)
    {
        var after = record.Location;
        foreach (var field in record.Fields)
        {
            if (field.InlineRecord is { } inner)
                Visit(inner, field.Name is null ? path : path + field.Name + ".", families, found, claimed);
            else if (IsPlainInteger(field) && Between(families, after, field.Location) is { } family
                     && family.Members.All(m => Fits(m.Value, field.Type.Integer!.Value)) && claimed.Add(family.Prefix))
                found[field.Location] = new FieldFamily(family, field.Type.Integer!.Value, path + field.Name);
            after = field.Location;
        }
    }

    // One scalar integer the members' values go into: not an array, not a bitfield (an enum cannot be a bitfield's type).
    private static bool IsPlainInteger(FieldModel field)
        => field.Name is not null && field.Type.Category == TypeCategory.Integer && field.Type.Integer is not null
           && field.ArrayDimensions.Count == 0 && !field.IsBitfield;

    /// <summary>The family all of whose members are defined after <paramref name="after"/> and before <paramref name="field"/>, in the same file.</summary>
    private static ConstantFamily? Between(IReadOnlyList<ConstantFamily> families, SourceLocation after, SourceLocation field)
    {
        ConstantFamily? match = null;
        foreach (var family in families)
        {
            if (family.Members.All(m => m.Location.File == field.File && m.Location.Line > after.Line && m.Location.Line < field.Line))
            {
                // Two families in one gap: the member's values are not one of them alone.
                if (match is not null)
                    return null;
                match = family;
            }
        }
        return match;
    }

    private static bool Fits(ulong value, CIntegerKind type)
        => type.Size() >= 8 || value < 1UL << (type.Size() * 8);
}

/// <summary>A constant family and the struct member that holds its values.</summary>
/// <param name="Type">The member's C type: the enum's underlying type.</param>
/// <param name="Member">The member as a C expression, <c>((struct kvm_run *)0)-&gt;io.direction</c>.</param>
internal sealed record FieldFamily(ConstantFamily Family, CIntegerKind Type, string Member);
