using KvmSharp.Generator.Model;

namespace KvmSharp.Generator.FrontEnd.Types;

/// <summary>A struct or union; complete once its body has been parsed.</summary>
internal sealed class RecordCType : CType
{
    public RecordCType(RecordKind kind, string? tag, SourceLocation location)
    {
        Kind = kind;
        Tag = tag;
        Location = location;
    }

    public RecordKind Kind { get; }

    public string? Tag { get; }

    public string? TypedefName { get; set; }

    public SourceLocation Location { get; set; }

    public string? Comment { get; set; }

    public bool IsComplete { get; private set; }

    /// <summary>Between its '{' and '}': a definition of the same tag in there is a nested redefinition.</summary>
    public bool IsBeingDefined { get; set; }

    public bool IsPacked { get; private set; }

    public int? AlignAttribute { get; private set; }

    /// <summary>The <c>#pragma pack</c> in effect where the body starts: no member is aligned more than this.</summary>
    public int? MaxFieldAlign { get; private set; }

    public IReadOnlyList<RecordMember> Members { get; private set; } = Array.Empty<RecordMember>();

    public void Complete(IReadOnlyList<RecordMember> members, bool packed, int? alignAttribute, int? maxFieldAlign)
    {
        Members = members;
        IsPacked = packed;
        AlignAttribute = alignAttribute;
        MaxFieldAlign = maxFieldAlign;
        IsComplete = true;
    }

    public string KindKeyword => Kind == RecordKind.Struct ? "struct" : "union";

    public override string Spelling => Tag is not null ? $"{KindKeyword} {Tag}" : TypedefName ?? $"{KindKeyword} (unnamed at {Location})";
}
