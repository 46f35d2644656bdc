namespace KvmSharp.Generator.FrontEnd.Layout;

/// <summary>The layout of a complete record: size and alignment in bytes, and where each member went.</summary>
internal sealed record RecordLayout(long Size, int Align, IReadOnlyList<MemberPlacement> Members);

/// <summary>Where a member starts, in bits from the start of the record (allocation order), and how many bits it takes.</summary>
internal readonly record struct MemberPlacement(long BitOffset, long BitSize);
