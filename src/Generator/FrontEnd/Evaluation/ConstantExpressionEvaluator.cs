using KvmSharp.Generator.FrontEnd.Lexing;
using KvmSharp.Generator.Model;
using KvmSharp.Generator.FrontEnd.Types;

namespace KvmSharp.Generator.FrontEnd.Evaluation;

/// <summary>
/// Parses and evaluates an integer constant expression (C11 6.6) with C's typing: literal types,
/// promotions, usual arithmetic conversions, casts, sizeof/_Alignof, and in #if mode the
/// intmax_t/uintmax_t arithmetic of 6.10.1. Evaluation stops at the first reason the expression is
/// not constant; nothing is thrown.
/// </summary>
internal sealed partial class ConstantExpressionEvaluator
{
    private readonly IntegerArithmetic arithmetic;
    private readonly ITypeScope? scope;
    private readonly bool preprocessor;
    private TokenCursor cursor = null!;
    private string? error;
    private Token? errorAt;
    private int depth;

    // As clang's -fbracket-depth: deep enough for any real header, shallow enough for a 1 MiB stack.
    private const int MaxDepth = 256;

    public ConstantExpressionEvaluator(IntegerArithmetic arithmetic, ITypeScope? scope, bool preprocessor)
    {
        this.arithmetic = arithmetic;
        this.scope = scope;
        this.preprocessor = preprocessor;
    }

    /// <summary>Evaluates one conditional-expression at the cursor, leaving the cursor after it.</summary>
    /// <remarks>Re-entrant: a type name inside the expression may hold an array size of its own.</remarks>
    public EvaluationResult Evaluate(TokenCursor at)
    {
        var saved = (cursor, error, errorAt, depth);
        // depth carries over into a nested evaluation (an array size inside a cast's type name), so
        // the whole recursion is bounded, not each level of it.
        cursor = at;
        error = null;
        errorAt = null;
        try
        {
            var value = Conditional(true);
            return new EvaluationResult(value, error, errorAt);
        }
        finally
        {
            (cursor, error, errorAt, depth) = saved;
        }
    }

    private CValue Conditional(bool evaluate)
    {
        // a ? b ? c ? ... nests through here, not through Binary: count it against the same depth.
        if (++depth > MaxDepth)
        {
            depth--;
            return Fail("expression nested too deeply", cursor.Current);
        }
        try
        {
            return ConditionalAtDepth(evaluate);
        }
        finally
        {
            depth--;
        }
    }

    private CValue ConditionalAtDepth(bool evaluate)
    {
        var condition = Binary(0, evaluate);
        if (error is not null || !cursor.Current.Is("?"))
            return condition;
        var question = cursor.Next();
        var whenTrue = Conditional(evaluate && !condition.IsZero);
        if (error is not null)
            return default;
        if (!cursor.Accept(":"))
            return Fail("expected ':' in conditional expression", cursor.Current, question);
        var whenFalse = Conditional(evaluate && condition.IsZero);
        if (error is not null)
            return default;
        var common = arithmetic.Common(whenTrue.Kind, whenFalse.Kind);
        return arithmetic.Convert(condition.IsZero ? whenFalse : whenTrue, common);
    }

    private static int Precedence(Token token)
    {
        if (token.Kind != TokenKind.Punctuator)
            return -1;
        return token.Text switch
        {
            "||" => 1,
            "&&" => 2,
            "|" => 3,
            "^" => 4,
            "&" => 5,
            "==" or "!=" => 6,
            "<" or ">" or "<=" or ">=" => 7,
            "<<" or ">>" => 8,
            "+" or "-" => 9,
            "*" or "/" or "%" => 10,
            _ => -1,
        };
    }

    private CValue Binary(int minimum, bool evaluate)
    {
        if (++depth > MaxDepth)
        {
            depth--;
            return Fail("expression nested too deeply", cursor.Current);
        }
        var left = Cast(evaluate);
        while (error is null)
        {
            var op = cursor.Current;
            var precedence = Precedence(op);
            if (precedence <= minimum)
                break;
            cursor.Next();
            var rightEvaluated = evaluate && !(op.Text == "&&" && left.IsZero) && !(op.Text == "||" && !left.IsZero);
            var right = Binary(precedence, rightEvaluated);
            if (error is not null)
                break;
            left = Apply(op, left, right, evaluate);
        }
        depth--;
        return left;
    }

    private CValue Apply(Token op, CValue left, CValue right, bool evaluate)
    {
        switch (op.Text)
        {
            case "&&":
                return CValue.Int(!left.IsZero && !right.IsZero ? 1 : 0);
            case "||":
                return CValue.Int(!left.IsZero || !right.IsZero ? 1 : 0);
            case "<<":
            case ">>":
                {
                    var kind = Widen(arithmetic.Promote(left.Kind));
                    var value = arithmetic.Convert(left, kind);
                    var count = (int)Math.Min(arithmetic.IsSigned(right.Kind) && right.Signed < 0 ? 64 : (long)Math.Min(right.Bits, 64), 64);
                    var width = kind.Size() * 8;
                    if (evaluate && (count >= width || (arithmetic.IsSigned(right.Kind) && right.Signed < 0)))
                        return Fail($"shift count {right.Signed} is out of range for '{kind.Spelling()}'", op);
                    if (op.Text == "<<")
                        return arithmetic.Convert(count >= 64 ? 0 : value.Bits << count, kind);
                    var shifted = arithmetic.IsSigned(kind) ? (ulong)(value.Signed >> Math.Min(count, 63)) : count >= 64 ? 0 : value.Bits >> count;
                    return arithmetic.Convert(shifted, kind);
                }
        }
        var common = Widen(arithmetic.Common(left.Kind, right.Kind));
        var a = arithmetic.Convert(left, common);
        var b = arithmetic.Convert(right, common);
        var signed = arithmetic.IsSigned(common);
        switch (op.Text)
        {
            case "==": return CValue.Int(a.Bits == b.Bits ? 1 : 0);
            case "!=": return CValue.Int(a.Bits != b.Bits ? 1 : 0);
            case "<": return CValue.Int((signed ? a.Signed < b.Signed : a.Bits < b.Bits) ? 1 : 0);
            case ">": return CValue.Int((signed ? a.Signed > b.Signed : a.Bits > b.Bits) ? 1 : 0);
            case "<=": return CValue.Int((signed ? a.Signed <= b.Signed : a.Bits <= b.Bits) ? 1 : 0);
            case ">=": return CValue.Int((signed ? a.Signed >= b.Signed : a.Bits >= b.Bits) ? 1 : 0);
            case "&": return arithmetic.Convert(a.Bits & b.Bits, common);
            case "|": return arithmetic.Convert(a.Bits | b.Bits, common);
            case "^": return arithmetic.Convert(a.Bits ^ b.Bits, common);
            case "+": return arithmetic.Convert(unchecked(a.Bits + b.Bits), common);
            case "-": return arithmetic.Convert(unchecked(a.Bits - b.Bits), common);
            case "*": return arithmetic.Convert(unchecked(a.Bits * b.Bits), common);
            default:
                if (b.Bits == 0)
                    return evaluate ? Fail("division by zero in a constant expression", op) : arithmetic.Convert(0, common);
                if (signed && b.Signed == -1)
                    return arithmetic.Convert(op.Text == "/" ? unchecked(0 - a.Bits) : 0, common);
                if (op.Text == "/")
                    return arithmetic.Convert(signed ? (ulong)(a.Signed / b.Signed) : a.Bits / b.Bits, common);
                return arithmetic.Convert(signed ? (ulong)(a.Signed % b.Signed) : a.Bits % b.Bits, common);
        }
    }

    /// <summary>In #if every integer is intmax_t or uintmax_t (C11 6.10.1p4).</summary>
    private CIntegerKind Widen(CIntegerKind kind)
        => !preprocessor ? kind : arithmetic.IsSigned(kind) ? CIntegerKind.Long : CIntegerKind.UnsignedLong;

    private CValue Cast(bool evaluate)
    {
        if (++depth > MaxDepth)
        {
            depth--;
            return Fail("expression nested too deeply", cursor.Current);
        }
        try
        {
            return CastOrUnary(evaluate);
        }
        finally
        {
            depth--;
        }
    }

    private CValue CastOrUnary(bool evaluate)
    {
        if (scope is not null && cursor.Current.Is("(") && scope.StartsTypeName(cursor.Peek(1)))
        {
            var open = cursor.Next();
            var type = ParseType();
            if (type is null)
                return default;
            if (!cursor.Accept(")"))
                return Fail("expected ')' after the type name of a cast", cursor.Current, open);
            if (cursor.Current.Is("{"))
                return Fail("a compound literal is not an integer constant expression", cursor.Current);
            if (type.Resolved is IntegerCType target && TryFloatingOperand(target.Kind, out var truncated))
                return truncated;
            var operand = Cast(evaluate);
            if (error is not null)
                return default;
            return type.Resolved switch
            {
                IntegerCType integer => arithmetic.Convert(operand, integer.Kind),
                EnumCType e when e.IsComplete => arithmetic.Convert(operand, e.Underlying),
                _ => Fail($"a cast to '{type.Spelling}' is not an integer constant expression", open),
            };
        }
        return Unary(evaluate);
    }

    private CType? ParseType()
    {
        var type = scope!.ParseTypeName(cursor, out var why, out var at);
        if (type is null)
            Fail(why ?? "expected a type name", at ?? cursor.Current);
        return type;
    }

    private CValue Unary(bool evaluate)
    {
        var token = cursor.Current;
        if (token.Kind == TokenKind.Punctuator)
        {
            switch (token.Text)
            {
                case "+":
                case "-":
                case "~":
                    {
                        cursor.Next();
                        var operand = Cast(evaluate);
                        if (error is not null)
                            return default;
                        var kind = Widen(arithmetic.Promote(operand.Kind));
                        var value = arithmetic.Convert(operand, kind);
                        return token.Text switch
                        {
                            "+" => value,
                            "-" => arithmetic.Convert(unchecked(0 - value.Bits), kind),
                            _ => arithmetic.Convert(~value.Bits, kind),
                        };
                    }
                case "!":
                    {
                        cursor.Next();
                        var operand = Cast(evaluate);
                        return error is not null ? default : CValue.Int(operand.IsZero ? 1 : 0);
                    }
                case "&":
                case "*":
                case "++":
                case "--":
                    return Fail($"'{token.Text}' is not allowed in an integer constant expression", token);
            }
        }
        if (scope is not null && token.Kind == TokenKind.Identifier)
        {
            switch (token.Text)
            {
                case "sizeof":
                    return SizeOrAlign(true, evaluate);
                case "_Alignof":
                case "__alignof__":
                case "__alignof":
                case "alignof":
                    return SizeOrAlign(false, evaluate);
                case "__builtin_offsetof":
                    return OffsetOf();
                case "__extension__":
                    cursor.Next();
                    return Cast(evaluate);
            }
        }
        return Postfix(evaluate);
    }

    private CValue Postfix(bool evaluate)
    {
        var value = Primary(evaluate);
        if (error is null && cursor.Current.Kind == TokenKind.Punctuator && cursor.Current.Text is "[" or "(" or "." or "->" or "++" or "--")
            return Fail($"'{cursor.Current.Text}' is not allowed in an integer constant expression", cursor.Current);
        return value;
    }

    private CValue Primary(bool evaluate)
    {
        var token = cursor.Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                cursor.Next();
                return IntegerLiteral(token);
            case TokenKind.CharLiteral:
                cursor.Next();
                return CharacterConstant(token);
            case TokenKind.Identifier:
                cursor.Next();
                if (preprocessor)
                    return new CValue(token.Text == "true" ? 1UL : 0UL, CIntegerKind.Long);
                if (scope is not null && scope.TryGetEnumerator(token.Text, out var enumerator))
                    return enumerator;
                if (scope is not null && scope.StartsTypeName(token))
                    return Fail($"'{token.Text}' names a type, not a value", token);
                return Fail($"'{token.Text}' is not a constant: no macro, enumerator or type of that name is declared here", token);
            case TokenKind.Punctuator when token.Text == "(":
                {
                    cursor.Next();
                    var inner = Conditional(evaluate);
                    if (error is not null)
                        return default;
                    if (cursor.Current.Is(","))
                        return Fail("the comma operator is not allowed in an integer constant expression", cursor.Current);
                    if (!cursor.Accept(")"))
                        return Fail($"expected ')' to match the '(' at {token.Location}", cursor.Current, token);
                    return inner;
                }
            case TokenKind.StringLiteral:
                return Fail("a string literal is not an integer constant expression", token);
            case TokenKind.EndOfFile:
                return Fail("expected an expression", token);
            default:
                if (token == cursor.End)
                    return Fail("expected an expression", token);
                return Fail($"expected an expression, found '{token.Text}'", token);
        }
    }

    private CValue Fail(string message, Token at, Token? fallback = null)
    {
        if (error is null)
        {
            error = message;
            errorAt = at.Kind == TokenKind.EndOfFile && fallback is not null ? fallback : at;
        }
        return default;
    }
}
