using KvmSharp.Generator.FrontEnd.Evaluation;
using KvmSharp.Generator.FrontEnd.Lexing;
using KvmSharp.Generator.Model;
using KvmSharp.Generator.FrontEnd.Types;

namespace KvmSharp.Generator.FrontEnd.Parsing;

// struct, union and enum specifiers (C11 6.7.2.1-6.7.2.3) with GNU attributes and empty structs.
internal sealed partial class DeclarationParser
{
    private const int MaxNesting = 128;

    private CType? RecordSpecifier()
    {
        var keyword = cursor.Next();
        var kind = keyword.Text == "struct" ? RecordKind.Struct : RecordKind.Union;
        var packed = false;
        int? align = null;
        if (!Attributes(ref packed, ref align))
            return null;
        Token? tag = null;
        if (cursor.Current.Kind == TokenKind.Identifier && !cursor.Current.Is("__attribute__"))
            tag = cursor.Next();
        if (!cursor.Current.Is("{"))
        {
            if (tag is null)
            {
                Error($"expected a tag name or '{{' after '{keyword.Text}', found '{Describe(cursor.Current)}'", cursor.Current);
                return null;
            }
            if (scope.Tag(tag.Text) is { } known)
            {
                if (known is RecordCType r && r.Kind == kind)
                    return r;
                Error($"'{tag.Text}' was declared as a different kind of tag", tag);
                return null;
            }
            var forward = new RecordCType(kind, tag.Text, keyword.Location);
            scope.DeclareTag(tag.Text, forward);
            return forward;
        }
        RecordCType record;
        if (tag is not null && scope.Tag(tag.Text) is RecordCType { IsBeingDefined: true } beingDefined)
        {
            // clang: "nested redefinition"; the inner one gets a record of its own so the outer stays whole.
            Error($"nested redefinition of '{beingDefined.Spelling}'", tag);
            record = new RecordCType(kind, tag.Text, keyword.Location);
        }
        else if (tag is not null && scope.Tag(tag.Text) is RecordCType { IsComplete: false } incomplete && incomplete.Kind == kind)
        {
            record = incomplete;
            record.Location = keyword.Location;
        }
        else
        {
            if (tag is not null && scope.Tag(tag.Text) is { } clash)
                Error($"redefinition of '{clash.Spelling}'", tag);
            record = new RecordCType(kind, tag?.Text, keyword.Location);
            if (tag is not null)
                scope.DeclareTag(tag.Text, record);
        }
        var maxFieldAlign = scope.MaxFieldAlign(cursor);
        var brace = cursor.Next();
        if (++scope.Nesting > MaxNesting)
        {
            scope.Nesting--;
            Error("records nested too deeply", brace);
            return null;
        }
        record.IsBeingDefined = true;
        var members = new List<RecordMember>();
        while (!cursor.Current.Is("}") && !cursor.AtEnd)
        {
            var start = cursor.Position;
            if (!MemberDeclaration(members))
                Recover(atTopLevel: false);
            if (cursor.Position == start)
                cursor.Next();
        }
        scope.Nesting--;
        record.IsBeingDefined = false;
        if (!cursor.Accept("}"))
        {
            Error($"expected '}}' to end '{record.Spelling}' opened at {brace.Location}", cursor.Current);
            return null;
        }
        if (!Attributes(ref packed, ref align))
            return null;
        CheckMembers(record, members);
        record.Complete(members, packed, align, maxFieldAlign);
        if (Layout.LayOut(record, out var why) is null)
            Error($"cannot lay out '{record.Spelling}': {why}", keyword);
        scope.Records.Add(record);
        return record;
    }

    private void CheckMembers(RecordCType record, List<RecordMember> members)
    {
        for (var i = 0; i < members.Count; i++)
        {
            var member = members[i];
            var resolved = member.Type.Resolved;
            if (resolved is ArrayCType { Length: null })
            {
                if (i != members.Count - 1 && record.Kind == RecordKind.Struct)
                    diagnostics.Error(Diagnostics.DiagnosticIds.Layout, $"flexible array member '{member.Name}' is not at the end of '{record.Spelling}'", member.Location);
                continue;
            }
            if (!Layout.TryGetSize(member.Type, out _, out var why))
                diagnostics.Error(Diagnostics.DiagnosticIds.Layout, $"field '{member.Name}' has an incomplete type: {why}", member.Location);
        }
    }

    private bool MemberDeclaration(List<RecordMember> members)
    {
        if (cursor.Accept(";"))
            return true;
        if (cursor.Current.Is("_Static_assert"))
        {
            SkipPast(";");
            return true;
        }
        var specifiers = Specifiers(allowStorage: false);
        if (specifiers is null)
            return false;
        if (cursor.Accept(";"))
        {
            if (specifiers.Type is RecordCType { Tag: null } anonymous)
                members.Add(new RecordMember(null, anonymous, null, specifiers.AlignAttribute, specifiers.IsPacked, specifiers.First.Location, null));
            return true;
        }
        while (true)
        {
            Token? name = null;
            CType type = specifiers.Type;
            var at = cursor.Current;
            if (!cursor.Current.Is(":"))
            {
                var declarator = Declarator(specifiers.Type, abstractAllowed: false);
                if (declarator is null)
                    return false;
                name = declarator.Name;
                type = declarator.Type;
                at = declarator.At;
                if (declarator.IsFunction)
                    return Error($"field '{name?.Text}' declared as a function", at);
            }
            int? width = null;
            if (cursor.Current.Is(":"))
            {
                var colon = cursor.Next();
                width = BitfieldWidth(colon, name, type);
                if (width is null)
                    return false;
            }
            var packed = specifiers.IsPacked;
            var align = specifiers.AlignAttribute;
            if (!Attributes(ref packed, ref align))
                return false;
            members.Add(new RecordMember(name?.Text, type, width, align, packed, (name ?? at).Location, null));
            if (cursor.Accept(","))
                continue;
            if (cursor.Accept(";"))
                return true;
            return Error($"expected ';' at the end of the member declaration, found '{Describe(cursor.Current)}'", cursor.Current);
        }
    }

    private int? BitfieldWidth(Token colon, Token? name, CType type)
    {
        var result = evaluator.Evaluate(cursor);
        if (!result.Succeeded)
        {
            Error($"bitfield width is not an integer constant expression: {result.Error}", result.ErrorAt ?? colon);
            return null;
        }
        if (type.Resolved is not (IntegerCType or EnumCType))
        {
            Error($"bitfield '{name?.Text}' has non-integer type '{type.Spelling}'", name ?? colon);
            return null;
        }
        Layout.TryGetSize(type, out var size, out _);
        var width = result.Value.Signed;
        if (width < 0 || width > size * 8 || (width == 0 && name is not null))
        {
            Error($"invalid width {width} for bitfield '{name?.Text ?? "(unnamed)"}' of type '{type.Spelling}'", name ?? colon);
            return null;
        }
        return (int)width;
    }

    private CType? EnumSpecifier()
    {
        var keyword = cursor.Next();
        var packed = false;
        int? align = null;
        if (!Attributes(ref packed, ref align))
            return null;
        Token? tag = null;
        if (cursor.Current.Kind == TokenKind.Identifier)
            tag = cursor.Next();
        if (!cursor.Current.Is("{"))
        {
            if (tag is null)
            {
                Error($"expected a tag name or '{{' after 'enum', found '{Describe(cursor.Current)}'", cursor.Current);
                return null;
            }
            if (scope.Tag(tag.Text) is EnumCType e)
                return e;
            var forward = new EnumCType(tag.Text, keyword.Location);
            scope.DeclareTag(tag.Text, forward);
            return forward;
        }
        var type = tag is not null && scope.Tag(tag.Text) is EnumCType { IsComplete: false } open
            ? open
            : new EnumCType(tag?.Text, keyword.Location);
        type.Location = keyword.Location;
        if (tag is not null)
            scope.DeclareTag(tag.Text, type);
        cursor.Next();
        var next = CValue.Int(0);
        var values = new List<CValue>();
        while (!cursor.Current.Is("}"))
        {
            var name = cursor.Current;
            if (name.Kind != TokenKind.Identifier)
            {
                Error($"expected an enumerator name, found '{Describe(name)}'", name);
                return null;
            }
            cursor.Next();
            Attributes(ref packed, ref align);
            var value = next;
            if (cursor.Accept("="))
            {
                var result = evaluator.Evaluate(cursor);
                if (!result.Succeeded)
                {
                    Error($"the value of enumerator '{name.Text}' is not an integer constant expression: {result.Error}", result.ErrorAt ?? name);
                    return null;
                }
                value = result.Value;
            }
            var constant = FitsInt(value) ? Arithmetic.Convert(value, CIntegerKind.Int) : value;
            scope.DeclareEnumerator(name.Text, constant);
            values.Add(value);
            type.Enumerators.Add(new EnumeratorModel(name.Text, constant.Bits, name.Location, null));
            next = Arithmetic.Convert(unchecked(value.Bits + 1), Arithmetic.Common(value.Kind, CIntegerKind.Int));
            if (cursor.Accept(","))
                continue;
            if (!cursor.Current.Is("}"))
            {
                Error($"expected ',' or '}}' after enumerator '{name.Text}', found '{Describe(cursor.Current)}'", cursor.Current);
                return null;
            }
        }
        cursor.Next();
        Attributes(ref packed, ref align);
        type.Underlying = UnderlyingType(values, packed);
        type.IsComplete = true;
        scope.Enums.Add(type);
        return type;
    }

    private bool FitsInt(CValue value)
    {
        var signed = Arithmetic.IsSigned(value.Kind);
        return signed ? value.Signed >= int.MinValue && value.Signed <= int.MaxValue : value.Bits <= int.MaxValue;
    }

    // GCC and clang: unsigned int unless a value is negative; wider only when a value needs it; packed picks the smallest.
    private CIntegerKind UnderlyingType(List<CValue> values, bool packed)
    {
        var negative = values.Any(v => Arithmetic.IsSigned(v.Kind) && v.Signed < 0);
        long min = 0;
        ulong max = 0;
        foreach (var v in values)
        {
            if (Arithmetic.IsSigned(v.Kind) && v.Signed < 0)
                min = Math.Min(min, v.Signed);
            else
                max = Math.Max(max, v.Bits);
        }
        var candidates = packed
            ? new[] { CIntegerKind.SignedChar, CIntegerKind.UnsignedChar, CIntegerKind.Short, CIntegerKind.UnsignedShort, CIntegerKind.Int, CIntegerKind.UnsignedInt, CIntegerKind.Long, CIntegerKind.UnsignedLong }
            : new[] { CIntegerKind.Int, CIntegerKind.UnsignedInt, CIntegerKind.Long, CIntegerKind.UnsignedLong };
        foreach (var kind in candidates)
        {
            var signed = kind.IsSigned(true);
            if (negative != signed)
                continue;
            var bits = kind.Size() * 8;
            var maxValue = signed ? (1UL << (bits - 1)) - 1 : bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
            var minValue = signed ? -(1L << (bits - 1)) : 0;
            if (max <= maxValue && min >= minValue)
                return kind;
        }
        return negative ? CIntegerKind.Long : CIntegerKind.UnsignedLong;
    }
}
