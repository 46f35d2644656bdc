namespace KvmSharp.Cli.Diff;

/// <summary>What kind of uAPI item a change is about.</summary>
internal enum AbiItemKind
{
    /// <summary>A <c>KVM_CAP_*</c> constant.</summary>
    Capability,
    /// <summary>A constant of a flag family (single bits) or a sub-flag indented under another flag.</summary>
    Flag,
    /// <summary>Any other integer constant of the header.</summary>
    Constant,
    /// <summary>An ioctl request macro.</summary>
    Ioctl,
    /// <summary>A struct or union with a tag or typedef name.</summary>
    Record,
    /// <summary>An enumerator of a C enum.</summary>
    Enumerator,
}

/// <summary>Whether the item is new, gone or different.</summary>
internal enum AbiChangeKind
{
    /// <summary>Only the new header has it.</summary>
    Added,
    /// <summary>Only the old header has it.</summary>
    Removed,
    /// <summary>Both have it, and it differs.</summary>
    Changed,
}

/// <summary>One difference between two headers.</summary>
/// <param name="Item">What the item is.</param>
/// <param name="Name">Its C name (a record by its tag or typedef name).</param>
/// <param name="Change">Added, removed or changed.</param>
/// <param name="IsBreak">
/// Whether a program built against the old header gets a different binary interface from the new kernel: an existing
/// ioctl's number, direction, size or argument type; an existing capability's, flag's, constant's or enumerator's value;
/// an existing record's size, alignment, or a field's offset, size or type. Growth the uAPI's conventions allow (a new
/// field in reserved padding, a new capability) is not.
/// </param>
/// <param name="Details">What differs, one phrase each (<c>size 16 -> 24</c>); for an added or removed item, what it is.</param>
/// <param name="Old">The old value or shape in one line (null when added).</param>
/// <param name="New">The new value or shape in one line (null when removed).</param>
internal sealed record AbiChange(
    AbiItemKind Item,
    string Name,
    AbiChangeKind Change,
    bool IsBreak,
    IReadOnlyList<string> Details,
    string? Old,
    string? New);
