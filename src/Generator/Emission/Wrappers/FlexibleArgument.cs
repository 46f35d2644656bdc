namespace KvmSharp.Generator.Emission.Wrappers;

/// <summary>The flexible array at the end of an argument struct, for the <c>FlexibleArrayBuffer</c> overload.</summary>
/// <param name="EntryType">The element type, fully qualified.</param>
/// <param name="Offset">C's <c>offsetof</c> of the array: where the buffer's entries must start.</param>
/// <param name="CName">The C member name, for the docs.</param>
internal sealed record FlexibleArgument(string EntryType, long Offset, string CName);
