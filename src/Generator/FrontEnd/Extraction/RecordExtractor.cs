using KvmSharp.Generator.FrontEnd.Layout;
using KvmSharp.Generator.Model;
using KvmSharp.Generator.FrontEnd.Types;

namespace KvmSharp.Generator.FrontEnd.Extraction;

/// <summary>Builds the model's records from laid-out parser records; unnamed ones become inline records of their members.</summary>
internal sealed class RecordExtractor
{
    private readonly TypeLayout layout;
    private readonly TypeReferences references;
    private readonly CommentIndex comments;

    public RecordExtractor(TypeLayout layout, TypeReferences references, CommentIndex comments)
    {
        this.layout = layout;
        this.references = references;
        this.comments = comments;
    }

    public RecordModel? Extract(RecordCType record)
    {
        var recordLayout = layout.LayOut(record, out _);
        if (recordLayout is null || recordLayout.Members.Count != record.Members.Count)
            return null;
        var fields = new List<FieldModel>(record.Members.Count);
        for (var i = 0; i < record.Members.Count; i++)
        {
            var member = record.Members[i];
            var placement = recordLayout.Members[i];
            var (element, dimensions, incomplete) = TypeReferences.Unwrap(member.Type);
            var flexible = incomplete ? FlexibleArrayKind.Incomplete
                : dimensions.Count > 0 && dimensions[0] == 0 ? FlexibleArrayKind.ZeroLength
                : FlexibleArrayKind.None;
            RecordModel? inline = null;
            if (element is RecordCType { Tag: null, TypedefName: null } unnamed)
                inline = Extract(unnamed);
            long offset;
            long size;
            int? bitOffset = null;
            if (member.BitWidth is { } width)
            {
                bitOffset = (int)placement.BitOffset;
                offset = placement.BitOffset / 8;
                size = width == 0 ? 0 : ((placement.BitOffset % 8) + width + 7) / 8;
            }
            else
            {
                offset = placement.BitOffset / 8;
                size = placement.BitSize / 8;
            }
            fields.Add(new FieldModel(
                member.Name, offset, size, references.Reference(element), dimensions.ToEquatableArray(), flexible, inline,
                bitOffset, member.BitWidth, member.Location, member.Name is null ? null : comments.For(member.Location)));
        }
        return new RecordModel(record.Tag, record.TypedefName, record.Kind, recordLayout.Size, recordLayout.Align,
            fields.ToEquatableArray(), record.IsPacked, record.Location, comments.For(record.Location));
    }
}
