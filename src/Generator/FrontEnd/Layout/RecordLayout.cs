namespace KvmSharp.Generator.FrontEnd.Layout;

/// <summary>The layout of a complete record: size and alignment in bytes, and where each member went.</summary>
internal sealed record RecordLayout(long Size, int Align, IReadOnlyList<MemberPlacement> Members);
