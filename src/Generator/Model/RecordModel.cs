namespace KvmSharp.Generator.Model;

/// <summary>struct or union.</summary>
public enum RecordKind
{
    /// <summary><c>struct</c></summary>
    Struct,
    /// <summary><c>union</c></summary>
    Union,
}

/// <summary>How a member is a flexible array.</summary>
public enum FlexibleArrayKind
{
    /// <summary>Not a flexible array.</summary>
    None,
    /// <summary>C99 <c>x[]</c>.</summary>
    Incomplete,
    /// <summary>GNU <c>x[0]</c>.</summary>
    ZeroLength,
}

/// <summary>A laid-out struct or union, as the target's C compiler lays it out.</summary>
/// <param name="Tag">The tag (<c>kvm_run</c>), or null for an unnamed record.</param>
/// <param name="TypedefName">The typedef name that names an unnamed record, if any.</param>
/// <param name="Size">sizeof, in bytes.</param>
/// <param name="Align">_Alignof, in bytes.</param>
/// <param name="IsPacked">Declared with <c>__attribute__((packed))</c>.</param>
/// <param name="Location">Where the <c>struct</c>/<c>union</c> keyword stands (clang names unnamed records by this place).</param>
/// <param name="Comment">The header's comment just before the definition.</param>
public sealed record RecordModel(
    string? Tag,
    string? TypedefName,
    RecordKind Kind,
    long Size,
    int Align,
    EquatableArray<FieldModel> Fields,
    bool IsPacked,
    SourceLocation Location,
    string? Comment)
{
    /// <summary>The key in <see cref="HeaderModel.Records"/>: the tag, else the typedef name; null for an inline record.</summary>
    public string? Key => Tag ?? TypedefName;

    /// <summary>The C spelling: <c>struct kvm_run</c>, or the typedef name of an unnamed record.</summary>
    public string? CSpelling => Tag is not null ? $"{(Kind == RecordKind.Struct ? "struct" : "union")} {Tag}" : TypedefName;
}

/// <summary>A member of a record.</summary>
/// <param name="Name">The member name; null for an anonymous struct/union member or an unnamed bitfield.</param>
/// <param name="Offset">Byte offset from the start of the enclosing record; for a bitfield, the byte that holds its first bit.</param>
/// <param name="Size">Bytes taken: element size times every dimension; 0 for a flexible array; for a bitfield, the bytes its bits span.</param>
/// <param name="Type">The element type (for an array, the type of one element).</param>
/// <param name="ArrayDimensions">Array dimensions outermost first (<c>[2][3]</c> is 2, 3); a flexible array has one 0.</param>
/// <param name="Flexible">Whether the member is a flexible array member.</param>
/// <param name="InlineRecord">The layout of an unnamed struct/union declared in place (anonymous member, or <c>struct { ... } name;</c>).</param>
/// <param name="BitOffset">For a bitfield: bit offset from the start of the enclosing record, in allocation order (from the least significant bit on little-endian targets, from the most significant on big-endian).</param>
/// <param name="BitWidth">For a bitfield: its width.</param>
/// <param name="Location">Where the member's declarator stands.</param>
/// <param name="Comment">The header's comment on this member.</param>
public sealed record FieldModel(
    string? Name,
    long Offset,
    long Size,
    TypeReference Type,
    EquatableArray<long> ArrayDimensions,
    FlexibleArrayKind Flexible,
    RecordModel? InlineRecord,
    int? BitOffset,
    int? BitWidth,
    SourceLocation Location,
    string? Comment)
{
    /// <summary>An anonymous struct or union whose members belong to the enclosing record.</summary>
    public bool IsAnonymousRecord => Name is null && InlineRecord is not null;

    /// <summary>Whether this member is a bitfield.</summary>
    public bool IsBitfield => BitWidth is not null;
}
