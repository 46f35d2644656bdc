using KvmSharp.Generator.FrontEnd.Lexing;
using KvmSharp.Generator.FrontEnd.Types;

namespace KvmSharp.Generator.FrontEnd.Parsing;

// Declarators (C11 6.7.6): pointers, arrays, function suffixes, grouping parentheses, and GNU attributes.
internal sealed partial class DeclarationParser
{
    private ParsedDeclarator? Declarator(CType baseType, bool abstractAllowed)
    {
        if (++scope.Nesting > MaxNesting)
        {
            scope.Nesting--;
            Error("declarator nested too deeply", cursor.Current);
            return null;
        }
        try
        {
            var at = cursor.Current;
            var type = baseType;
            while (cursor.Accept("*"))
            {
                type = new PointerCType(type);
                var qualifiers = new TypeQualifiers();
                while (cursor.Current.Kind == TokenKind.Identifier && (Qualifiers.Contains(cursor.Current.Text) || cursor.Current.Text is "__attribute__" or "__attribute"))
                {
                    qualifiers.Note(cursor.Current.Text);
                    if (cursor.Current.Text.StartsWith("__attribute", StringComparison.Ordinal))
                    {
                        var ignoredPacked = false;
                        int? ignoredAlign = null;
                        if (!Attributes(ref ignoredPacked, ref ignoredAlign))
                            return null;
                    }
                    else
                    {
                        cursor.Next();
                    }
                }
                type = qualifiers.ApplyTo(type);
            }
            if (cursor.Current.Is("(") && !StartsTypeName(cursor.Peek(1)) && !cursor.Peek(1).Is(")"))
            {
                // Grouping: the suffixes after ')' bind tighter than what is inside, so read them first.
                var inner = cursor.Position + 1;
                SkipBalanced();
                var suffixed = Suffixes(type, out var isFunction);
                if (suffixed is null)
                    return null;
                var after = cursor.Position;
                cursor.Position = inner;
                var nested = Declarator(suffixed, abstractAllowed);
                if (nested is null)
                    return null;
                if (!cursor.Current.Is(")"))
                {
                    Error($"expected ')' to end the declarator, found '{Describe(cursor.Current)}'", cursor.Current);
                    return null;
                }
                cursor.Position = after;
                return nested with { IsFunction = nested.IsFunction || (isFunction && nested.Type == suffixed) };
            }
            Token? name = null;
            if (cursor.Current.Kind == TokenKind.Identifier && !cursor.Current.Text.StartsWith("__attribute", StringComparison.Ordinal))
            {
                name = cursor.Next();
            }
            else if (!abstractAllowed)
            {
                Error($"expected a member or declarator name, found '{Describe(cursor.Current)}'", cursor.Current);
                return null;
            }
            var result = Suffixes(type, out var function);
            return result is null ? null : new ParsedDeclarator(name, result, function, name ?? at);
        }
        finally
        {
            scope.Nesting--;
        }
    }

    private CType? Suffixes(CType type, out bool isFunction)
    {
        isFunction = false;
        string? parameters = null;
        var dimensions = new List<(long? Length, Token At)>();
        while (true)
        {
            if (cursor.Current.Is("["))
            {
                var open = cursor.Next();
                while (cursor.Current.Kind == TokenKind.Identifier && (cursor.Current.Text == "static" || Qualifiers.Contains(cursor.Current.Text)))
                    cursor.Next();
                if (cursor.Accept("]"))
                {
                    dimensions.Add((null, open));
                    continue;
                }
                var result = evaluator.Evaluate(cursor);
                if (!result.Succeeded)
                {
                    Error($"array size is not an integer constant expression: {result.Error}", result.ErrorAt ?? open);
                    return null;
                }
                if (Arithmetic.IsSigned(result.Value.Kind) && result.Value.Signed < 0)
                {
                    Error($"array size is negative ({result.Value.Signed})", open);
                    return null;
                }
                if (!cursor.Accept("]"))
                {
                    Error($"expected ']' to end the array size, found '{Describe(cursor.Current)}'", cursor.Current);
                    return null;
                }
                dimensions.Add(((long)result.Value.Bits, open));
            }
            else if (cursor.Current.Is("("))
            {
                parameters = Parameters();
                if (parameters is null)
                    return null;
                isFunction = true;
            }
            else
            {
                break;
            }
        }
        for (var i = dimensions.Count - 1; i >= 0; i--)
        {
            if (dimensions[i].Length is null && i > 0)
            {
                Error("only the first dimension of an array may be left empty", dimensions[i].At);
                return null;
            }
            type = new ArrayCType(type, dimensions[i].Length);
        }
        return isFunction ? new FunctionCType(type, parameters!) : type;
    }

    /// <summary>A parameter list, spelled as clang prints a function type: the parameter types, adjusted.</summary>
    private string? Parameters()
    {
        var open = cursor.Next();
        if (cursor.Accept(")"))
            return "";
        if (cursor.Current.Is("void") && cursor.Peek(1).Is(")"))
        {
            cursor.Next();
            cursor.Next();
            return "void";
        }
        var spelled = new List<string>();
        while (true)
        {
            if (cursor.Accept("..."))
            {
                spelled.Add("...");
            }
            else
            {
                var specifiers = Specifiers(allowStorage: false);
                var declarator = specifiers is null ? null : Declarator(specifiers.Type, abstractAllowed: true);
                if (declarator is null)
                    return null;
                // Parameters of array and function type are adjusted to pointers (C11 6.7.6.3p7-8).
                var type = declarator.Type switch
                {
                    ArrayCType array => new PointerCType(array.Element),
                    FunctionCType function => new PointerCType(function),
                    var other => other,
                };
                spelled.Add(type.Spelling);
            }
            if (cursor.Accept(")"))
                return string.Join(", ", spelled);
            if (!cursor.Accept(","))
            {
                Error($"expected ',' or ')' in the parameter list opened at {open.Location}, found '{Describe(cursor.Current)}'", cursor.Current);
                return null;
            }
        }
    }

    /// <summary>
    /// After a declarator of a declaration: GNU attributes and an asm label (<c>__asm__("symbol")</c>, which names the
    /// object or function's symbol: glibc's <c>__REDIRECT</c> puts one after <c>__THROW</c>'s attributes), in any order.
    /// The label changes no type or layout, so it is checked and dropped; false after a diagnostic.
    /// </summary>
    private bool AsmLabelAndAttributes(DeclarationSpecifiers specifiers)
    {
        var labelled = false;
        while (true)
        {
            AttributesInto(specifiers);
            if (cursor.Current.Kind != TokenKind.Identifier || cursor.Current.Text is not ("__asm__" or "__asm" or "asm"))
                return true;
            var keyword = cursor.Next();
            if (labelled)
                return Error($"a declarator has one asm label; found a second '{keyword.Text}'", keyword);
            labelled = true;
            if (!cursor.Accept("("))
                return Error($"expected '(' after '{keyword.Text}'", cursor.Current);
            // Adjacent string literals make one (__ASMNAME pastes the user-label prefix before the name).
            if (cursor.Current.Kind != TokenKind.StringLiteral)
                return Error($"expected a string literal in the asm label, found '{Describe(cursor.Current)}'", cursor.Current);
            while (cursor.Current.Kind == TokenKind.StringLiteral)
                cursor.Next();
            if (!cursor.Accept(")"))
                return Error($"expected ')' to end the asm label, found '{Describe(cursor.Current)}'", cursor.Current);
        }
    }

    /// <summary>Reads any number of <c>__attribute__((...))</c>, keeping the ones that change layout.</summary>
    private bool Attributes(ref bool packed, ref int? align)
    {
        while (cursor.Current.Kind == TokenKind.Identifier && cursor.Current.Text is "__attribute__" or "__attribute")
        {
            var keyword = cursor.Next();
            if (!cursor.Accept("(") || !cursor.Accept("("))
                return Error($"expected '((' after '{keyword.Text}'", cursor.Current);
            while (!cursor.Current.Is(")"))
            {
                var name = cursor.Current;
                if (name.Kind != TokenKind.Identifier)
                    return Error($"expected an attribute name, found '{Describe(name)}'", name);
                cursor.Next();
                var attribute = name.Text.Trim('_');
                if (attribute == "packed")
                {
                    packed = true;
                }
                else if (attribute == "aligned")
                {
                    var value = Layout.Arch.BiggestAlignment;
                    if (cursor.Current.Is("("))
                    {
                        cursor.Next();
                        var result = evaluator.Evaluate(cursor);
                        if (!result.Succeeded)
                            return Error($"the argument of 'aligned' is not an integer constant expression: {result.Error}", result.ErrorAt ?? name);
                        var requested = result.Value.Signed;
                        if (requested <= 0 || (requested & (requested - 1)) != 0)
                            return Error($"requested alignment {requested} is not a positive power of 2", name);
                        value = (int)requested;
                        if (!cursor.Accept(")"))
                            return Error("expected ')' after the alignment", cursor.Current);
                    }
                    align = Math.Max(align ?? 1, value);
                }
                else if (cursor.Current.Is("("))
                {
                    SkipBalanced();
                }
                if (!cursor.Accept(",") && !cursor.Current.Is(")"))
                    return Error($"expected ',' or ')' in the attribute list, found '{Describe(cursor.Current)}'", cursor.Current);
            }
            cursor.Next();
            if (!cursor.Accept(")"))
                return Error("expected '))' to end the attribute list", cursor.Current);
        }
        return true;
    }

    private void AttributesInto(DeclarationSpecifiers specifiers)
    {
        var packed = specifiers.IsPacked;
        var align = specifiers.AlignAttribute;
        if (Attributes(ref packed, ref align))
        {
            specifiers.IsPacked = packed;
            specifiers.AlignAttribute = align;
        }
    }

    private int? AlignasValue()
    {
        if (!cursor.Accept("("))
        {
            Error("expected '(' after '_Alignas'", cursor.Current);
            return null;
        }
        long value;
        if (StartsTypeName(cursor.Current))
        {
            var type = TypeName();
            if (type is null)
                return null;
            if (!Layout.TryGetAlign(type, out var typeAlign, out var why))
            {
                Error(why!, cursor.Current);
                return null;
            }
            value = typeAlign;
        }
        else
        {
            var result = evaluator.Evaluate(cursor);
            if (!result.Succeeded)
            {
                Error($"the argument of '_Alignas' is not an integer constant expression: {result.Error}", result.ErrorAt ?? cursor.Current);
                return null;
            }
            value = result.Value.Signed;
        }
        if (!cursor.Accept(")"))
        {
            Error("expected ')' to end '_Alignas'", cursor.Current);
            return null;
        }
        return (int)Math.Max(1, value);
    }
}
