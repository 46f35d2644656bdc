namespace KvmSharp.Generator.FrontEnd.Layout;

/// <summary>Where a member starts, in bits from the start of the record (allocation order), and how many bits it takes.</summary>
internal readonly record struct MemberPlacement(long BitOffset, long BitSize);
