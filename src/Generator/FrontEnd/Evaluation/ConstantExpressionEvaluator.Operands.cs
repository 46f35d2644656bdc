using KvmSharp.Generator.FrontEnd.Layout;
using KvmSharp.Generator.FrontEnd.Lexing;
using KvmSharp.Generator.Model;
using KvmSharp.Generator.FrontEnd.Types;

namespace KvmSharp.Generator.FrontEnd.Evaluation;

// The operands whose value comes from a spelling or from a type: literals, sizeof, _Alignof, offsetof.
internal sealed partial class ConstantExpressionEvaluator
{
    private CValue IntegerLiteral(Token token)
    {
        if (!LiteralValues.TryParseInteger(token.Text, out var value, out var kind, out var why))
            return Fail(why!, token);
        return arithmetic.Convert(value, Widen(kind));
    }

    private CValue CharacterConstant(Token token)
    {
        if (token.LexicalError is not null)
            return Fail(token.LexicalError, token);
        if (!LiteralValues.TryParseCharacter(token.Text, arithmetic.CharIsSigned, arithmetic.WCharIsSigned, out var value, out var kind, out var why))
            return Fail(why!, token);
        return arithmetic.Convert(value, Widen(kind));
    }

    /// <summary>C11 6.6p6: a floating constant may appear as the immediate operand of a cast to an integer type.</summary>
    private bool TryFloatingOperand(CIntegerKind target, out CValue value)
    {
        value = default;
        var token = cursor.Current;
        if (token.Kind != TokenKind.Number || LiteralValues.TryParseInteger(token.Text, out _, out _, out _))
            return false;
        var text = token.Text.TrimEnd('f', 'F', 'l', 'L');
        if (!double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number)
            || double.IsNaN(number) || Math.Abs(number) >= 1.8e19)
            return false;
        var next = cursor.Peek(1);
        if (next.Kind == TokenKind.Punctuator && next.Text is "[" or "(" or "." or "->" or "++" or "--")
            return false;
        cursor.Next();
        var truncated = Math.Truncate(number);
        var bits = truncated < 0 ? unchecked((ulong)(long)truncated) : truncated >= 9.2e18 ? (ulong)truncated : (ulong)(long)truncated;
        value = arithmetic.Convert(bits, target);
        return true;
    }

    private CValue SizeOrAlign(bool size, bool evaluate)
    {
        var keyword = cursor.Next();
        CType? type;
        if (cursor.Current.Is("(") && scope!.StartsTypeName(cursor.Peek(1)))
        {
            var open = cursor.Next();
            type = ParseType();
            if (type is null)
                return default;
            if (!cursor.Accept(")"))
                return Fail($"expected ')' after the type name of '{keyword.Text}'", cursor.Current, open);
        }
        else
        {
            // sizeof of an expression: only constant operands can be typed without a full C front-end.
            var operand = Unary(false);
            if (error is not null)
                return default;
            type = IntegerCType.Of(operand.Kind);
        }
        var layout = scope!.Layout;
        if (size)
        {
            if (type.Resolved is FunctionCType or VoidCType)
                return Fail($"sizeof applied to '{type.Spelling}'", keyword);
            if (!layout.TryGetSize(type, out var bytes, out var why))
                return Fail($"sizeof({type.Spelling}): {why}", keyword);
            return new CValue((ulong)bytes, CIntegerKind.UnsignedLong);
        }
        if (!layout.TryGetAlign(type, out var align, out var alignWhy))
            return Fail($"{keyword.Text}({type.Spelling}): {alignWhy}", keyword);
        return new CValue((ulong)align, CIntegerKind.UnsignedLong);
    }

    private CValue OffsetOf()
    {
        var keyword = cursor.Next();
        if (!cursor.Accept("("))
            return Fail("expected '(' after __builtin_offsetof", cursor.Current);
        var type = ParseType();
        if (type is null)
            return default;
        if (!cursor.Accept(","))
            return Fail("expected ',' after the type of __builtin_offsetof", cursor.Current);
        long offset = 0;
        var current = type;
        var first = true;
        while (error is null)
        {
            if (first || cursor.Accept("."))
            {
                var name = cursor.Next();
                if (name.Kind != TokenKind.Identifier)
                    return Fail("expected a member name in __builtin_offsetof", name);
                if (current.Resolved is not RecordCType record)
                    return Fail($"'{current.Spelling}' is not a struct or union", name);
                var found = MemberLookup.Find(scope!.Layout, record, name.Text, out var member, out var bitOffset, out var why);
                if (!found)
                    return Fail(why!, name);
                if (member!.BitWidth is not null)
                    return Fail($"cannot take the offset of bitfield '{name.Text}'", name);
                offset += bitOffset / 8;
                current = member.Type;
                first = false;
            }
            else if (cursor.Current.Is("["))
            {
                var open = cursor.Next();
                var index = Conditional(true);
                if (error is not null)
                    return default;
                if (!cursor.Accept("]"))
                    return Fail("expected ']'", cursor.Current, open);
                if (current.Resolved is not ArrayCType array)
                    return Fail($"'{current.Spelling}' is not an array", open);
                if (!scope!.Layout.TryGetSize(array.Element, out var elementSize, out var why))
                    return Fail(why!, open);
                offset += index.Signed * elementSize;
                current = array.Element;
            }
            else
            {
                break;
            }
        }
        if (error is not null)
            return default;
        if (!cursor.Accept(")"))
            return Fail("expected ')' to end __builtin_offsetof", cursor.Current, keyword);
        return new CValue((ulong)offset, CIntegerKind.UnsignedLong);
    }
}
