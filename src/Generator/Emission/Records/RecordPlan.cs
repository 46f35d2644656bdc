using KvmSharp.Generator.Model;

namespace KvmSharp.Generator.Emission.Records;

/// <summary>What one generated struct is: its names and members, decided before any text is written.</summary>
/// <param name="TypeName">The simple C# name.</param>
/// <param name="FullName">The fully qualified name (<c>global::KvmSharp.KvmRun.AnonymousUnion</c>), which no member name can shadow.</param>
/// <param name="Record">The C record.</param>
/// <param name="NativeName">What <c>[NativeTypeName]</c> says: <c>struct kvm_run</c>, or <c>union (anonymous at kvm.h:268:2)</c>.</param>
/// <param name="Size">The C# size: the C size, or 1 for an empty record (C# has no size-0 struct).</param>
internal sealed record RecordPlan(string TypeName, string FullName, RecordModel Record, string NativeName, long Size)
{
    /// <summary>Members in declaration order; storage and forwarders mixed as C declares them.</summary>
    public List<MemberPlan> Members { get; } = new();

    /// <summary>Structs declared inside this one for its unnamed struct/union members.</summary>
    public List<RecordPlan> NestedTypes { get; } = new();
}

/// <summary>How a member is exposed.</summary>
internal enum MemberKind
{
    /// <summary>A <c>[FieldOffset]</c> field: storage of a C member with a size.</summary>
    Field,

    /// <summary>
    /// A <c>ref</c> property reinterpreting the bytes at the member's offset: a C member of size 0 whose type
    /// still has members to reach (a union of flexible arrays, <c>__DECLARE_FLEX_ARRAY</c>'s anonymous struct).
    /// </summary>
    View,

    /// <summary>A get/set property over the bytes of a bitfield.</summary>
    Bitfield,

    /// <summary>A field spanning the bytes of a run of bitfields, so that they are stored and copied.</summary>
    BitfieldStorage,

    /// <summary>A method returning a span over a flexible array member.</summary>
    Flexible,
}

/// <summary>One member of a generated struct.</summary>
/// <param name="Kind">How it is exposed.</param>
/// <param name="Name">The C# name.</param>
/// <param name="Type">The C# type (for <see cref="MemberKind.Flexible"/>, the element type), fully qualified.</param>
/// <param name="Offset">Byte offset from the start of this struct (the first byte of a bitfield).</param>
/// <param name="Field">The C member; for a forwarder, the innermost one it leads to; null for bitfield storage.</param>
/// <param name="NativeType">The C declaration type for <c>[NativeTypeName]</c> (<c>__u8[6]</c>, <c>__u32 : 3</c>).</param>
/// <param name="Via">For a forwarder: the name of the anonymous member of this struct it goes through.</param>
/// <param name="Target">For a forwarder: the member's name inside that anonymous member.</param>
/// <param name="Nested">The struct of an unnamed record member (the element type for an array of them).</param>
/// <param name="Length">For <see cref="MemberKind.BitfieldStorage"/>: the bytes it spans.</param>
internal sealed record MemberPlan(
    MemberKind Kind,
    string Name,
    string Type,
    long Offset,
    FieldModel? Field,
    string? NativeType,
    string? Via = null,
    string? Target = null,
    RecordPlan? Nested = null,
    long Length = 0)
{
    /// <summary>The C name the member stands for, or null for a member that only C# has (anonymous, storage).</summary>
    public string? CName => Field?.Name;

    /// <summary>Whether this member only forwards to the same-named member of an anonymous record.</summary>
    public bool IsForwarder => Via is not null;
}
