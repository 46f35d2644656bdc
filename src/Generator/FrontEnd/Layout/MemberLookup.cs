using KvmSharp.Generator.FrontEnd.Types;

namespace KvmSharp.Generator.FrontEnd.Layout;

/// <summary>Finds a member by name in a record, looking into anonymous members as C11 6.7.2.1p13 allows.</summary>
internal static class MemberLookup
{
    public static bool Find(TypeLayout layout, RecordCType record, string name, out RecordMember? member, out long bitOffset, out string? why)
    {
        member = null;
        bitOffset = 0;
        var recordLayout = layout.LayOut(record, out why);
        if (recordLayout is null)
            return false;
        for (var i = 0; i < record.Members.Count; i++)
        {
            var candidate = record.Members[i];
            if (candidate.Name == name)
            {
                member = candidate;
                bitOffset = recordLayout.Members[i].BitOffset;
                return true;
            }
            if (candidate.Name is null && candidate.Type.Resolved is RecordCType inner
                && Find(layout, inner, name, out member, out var innerOffset, out _))
            {
                bitOffset = recordLayout.Members[i].BitOffset + innerOffset;
                return true;
            }
        }
        why = $"no member named '{name}' in '{record.Spelling}'";
        return false;
    }
}
