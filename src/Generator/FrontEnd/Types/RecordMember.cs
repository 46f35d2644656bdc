using KvmSharp.Generator.Model;

namespace KvmSharp.Generator.FrontEnd.Types;

/// <summary>A member declaration of a record.</summary>
internal sealed record RecordMember(string? Name, CType Type, int? BitWidth, int? AlignAttribute, bool IsPacked, SourceLocation Location, string? Comment);
