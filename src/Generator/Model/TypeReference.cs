namespace KvmSharp.Generator.Model;

/// <summary>What a C type is once typedefs are seen through.</summary>
public enum TypeCategory
{
    /// <summary><c>void</c> (only behind a pointer, or as an incomplete type).</summary>
    Void,
    /// <summary>An integer type; see <see cref="TypeReference.Integer"/>.</summary>
    Integer,
    /// <summary><c>float</c>, <c>double</c>, <c>long double</c>.</summary>
    Floating,
    /// <summary>Any pointer; the pointee is not modelled further than its spelling.</summary>
    Pointer,
    /// <summary>A struct or union; see <see cref="TypeReference.RecordKey"/>.</summary>
    Record,
    /// <summary>An enum; <see cref="TypeReference.Integer"/> is its underlying type.</summary>
    Enum,
}

/// <summary>
/// A C type as a member, typedef or ioctl argument uses it: the spelling the header wrote
/// (<c>__u64</c>, <c>struct kvm_regs</c>) and what it resolves to.
/// </summary>
/// <param name="Spelling">The type as written, typedef names kept (<c>__u64</c>, <c>struct kvm_regs</c>, <c>void *</c>).</param>
/// <param name="Category">What the type is once typedefs are resolved.</param>
/// <param name="Size">Size in bytes of one element (arrays are described by the user of this type).</param>
/// <param name="Align">Alignment in bytes.</param>
/// <param name="Integer">The integer type for <see cref="TypeCategory.Integer"/> and <see cref="TypeCategory.Enum"/>.</param>
/// <param name="IsSigned">Signedness of an integer type, on this target.</param>
/// <param name="RecordKey">For a named record: its key in <see cref="HeaderModel.Records"/> (tag, or typedef name of an anonymous record); for an enum, its tag or typedef name.</param>
public sealed record TypeReference(
    string Spelling,
    TypeCategory Category,
    long Size,
    int Align,
    CIntegerKind? Integer = null,
    bool IsSigned = false,
    string? RecordKey = null);
