using KvmSharp.Generator.FrontEnd.Lexing;
using KvmSharp.Generator.Model;
using KvmSharp.Generator.FrontEnd.Types;

namespace KvmSharp.Generator.FrontEnd.Parsing;

// Declaration specifiers (C11 6.7.1-6.7.4): storage classes, qualifiers, and type specifiers.
internal sealed partial class DeclarationParser
{
    internal static readonly HashSet<string> Qualifiers = new(StringComparer.Ordinal)
    {
        "const", "__const", "__const__", "volatile", "__volatile", "__volatile__", "restrict", "__restrict", "__restrict__",
        "_Atomic", "__extension__", "_Noreturn", "__inline", "__inline__", "inline", "extern", "static", "register", "auto",
        "_Thread_local", "__thread",
    };

    internal static readonly HashSet<string> TypeKeywords = new(StringComparer.Ordinal)
    {
        "void", "char", "short", "int", "long", "float", "double", "signed", "__signed", "__signed__", "unsigned", "_Bool",
        "__int128", "struct", "union", "enum", "__typeof__", "__typeof", "typeof", "_Complex", "__complex__",
    };

    private DeclarationSpecifiers? Specifiers(bool allowStorage)
    {
        var first = cursor.Current;
        var isTypedef = false;
        int? align = null;
        var packed = false;
        CType? named = null;
        var keywords = new List<string>();
        var qualifiers = new TypeQualifiers();
        Token? keywordAt = null;
        var any = false;
        while (true)
        {
            var token = cursor.Current;
            if (token.Kind != TokenKind.Identifier)
                break;
            if (token.Text == "typedef")
            {
                if (!allowStorage)
                    return Fail("'typedef' is not allowed here", token);
                isTypedef = true;
                cursor.Next();
            }
            else if (Qualifiers.Contains(token.Text))
            {
                cursor.Next();
                qualifiers.Note(token.Text);
                if (token.Text == "_Atomic" && cursor.Current.Is("("))
                    return Fail("_Atomic(type) is not supported in uAPI headers", token);
            }
            else if (token.Text is "__attribute__" or "__attribute")
            {
                if (!Attributes(ref packed, ref align))
                    return null;
            }
            else if (token.Text is "_Alignas" or "alignas")
            {
                cursor.Next();
                var value = AlignasValue();
                if (value is null)
                    return null;
                align = Math.Max(align ?? 1, value.Value);
            }
            else if (token.Text is "struct" or "union")
            {
                if (named is not null || keywords.Count > 0)
                    return Fail($"cannot combine '{token.Text}' with a previous type specifier", token);
                named = RecordSpecifier();
                if (named is null)
                    return null;
            }
            else if (token.Text == "enum")
            {
                if (named is not null || keywords.Count > 0)
                    return Fail("cannot combine 'enum' with a previous type specifier", token);
                named = EnumSpecifier();
                if (named is null)
                    return null;
            }
            else if (token.Text is "__typeof__" or "__typeof" or "typeof")
            {
                if (named is not null || keywords.Count > 0)
                    return Fail($"cannot combine '{token.Text}' with a previous type specifier", token);
                named = TypeOf();
                if (named is null)
                    return null;
            }
            else if (TypeKeywords.Contains(token.Text))
            {
                if (named is not null)
                    return Fail($"cannot combine '{token.Text}' with '{named.Spelling}'", token);
                keywordAt ??= token;
                keywords.Add(token.Text);
                cursor.Next();
            }
            else if (named is null && keywords.Count == 0 && scope.Typedef(token.Text) is { } typedef)
            {
                named = typedef;
                cursor.Next();
            }
            else
            {
                break;
            }
            any = true;
        }
        CType? type = named;
        if (keywords.Count > 0)
        {
            type = FromKeywords(keywords, keywordAt!);
            if (type is null)
                return null;
        }
        if (type is null)
        {
            var at = cursor.Current;
            if (at.Kind == TokenKind.Identifier)
                return Fail($"unknown type name '{at.Text}'", at);
            return Fail(any ? $"expected a type specifier, found '{Describe(at)}'" : $"expected a declaration, found '{Describe(at)}'", at);
        }
        type = qualifiers.ApplyTo(type);
        return new DeclarationSpecifiers(type, first) { IsTypedef = isTypedef, AlignAttribute = align, IsPacked = packed };
    }

    private DeclarationSpecifiers? Fail(string message, Token at)
    {
        Error(message, at);
        return null;
    }

    private CType? FromKeywords(List<string> keywords, Token at)
    {
        int Count(string k) => keywords.Count(x => x == k);
        var signed = Count("signed") + Count("__signed") + Count("__signed__");
        var unsigned = Count("unsigned");
        var longs = Count("long");
        var shorts = Count("short");
        var ints = Count("int");
        var chars = Count("char");
        var others = keywords.Where(k => k is "void" or "float" or "double" or "_Bool" or "__int128" or "_Complex" or "__complex__").ToList();
        CType? Invalid()
        {
            Error($"'{string.Join(" ", keywords)}' is not a valid type", at);
            return null;
        }
        if ((signed > 0 && unsigned > 0) || signed > 1 || unsigned > 1 || ints > 1 || shorts > 1 || chars > 1 || longs > 2 || (shorts > 0 && longs > 0))
            return Invalid();
        if (others.Count > 1 && !(others.Count == 1))
            return Invalid();
        if (others.Count == 1)
        {
            var other = others[0];
            switch (other)
            {
                case "void" when keywords.Count == 1:
                    return VoidCType.Instance;
                case "_Bool" when keywords.Count == 1:
                    return IntegerCType.Of(CIntegerKind.Bool);
                case "float" when keywords.Count == 1:
                    return FloatingCType.Float;
                case "double" when keywords.Count == 1:
                    return FloatingCType.Double;
                case "double" when keywords.Count == 2 && longs == 1:
                    return FloatingCType.LongDouble;
                case "__int128" when keywords.Count - signed - unsigned == 1:
                    return IntegerCType.Of(unsigned > 0 ? CIntegerKind.UnsignedInt128 : CIntegerKind.Int128);
                case "_Complex" or "__complex__":
                    Error("complex types are not supported in uAPI headers", at);
                    return null;
                default:
                    return Invalid();
            }
        }
        if (chars == 1)
        {
            if (keywords.Count != 1 + signed + unsigned)
                return Invalid();
            return IntegerCType.Of(unsigned > 0 ? CIntegerKind.UnsignedChar : signed > 0 ? CIntegerKind.SignedChar : CIntegerKind.Char);
        }
        if (shorts == 1)
            return IntegerCType.Of(unsigned > 0 ? CIntegerKind.UnsignedShort : CIntegerKind.Short);
        if (longs == 1)
            return IntegerCType.Of(unsigned > 0 ? CIntegerKind.UnsignedLong : CIntegerKind.Long);
        if (longs == 2)
            return IntegerCType.Of(unsigned > 0 ? CIntegerKind.UnsignedLongLong : CIntegerKind.LongLong);
        return IntegerCType.Of(unsigned > 0 ? CIntegerKind.UnsignedInt : CIntegerKind.Int);
    }

    private CType? TypeOf()
    {
        var keyword = cursor.Next();
        if (!cursor.Accept("("))
        {
            Error($"expected '(' after '{keyword.Text}'", cursor.Current);
            return null;
        }
        if (!StartsTypeName(cursor.Current))
        {
            Error($"'{keyword.Text}' of an expression is not supported; only '{keyword.Text}(type-name)'", cursor.Current);
            return null;
        }
        var type = TypeName();
        if (type is null)
            return null;
        Expect(")", $"to end '{keyword.Text}'");
        return type;
    }

    private CType? TypeName()
    {
        if (++scope.Nesting > MaxNesting)
        {
            scope.Nesting--;
            Error("type name nested too deeply", cursor.Current);
            return null;
        }
        try
        {
            var specifiers = Specifiers(allowStorage: false);
            if (specifiers is null)
                return null;
            return Declarator(specifiers.Type, abstractAllowed: true)?.Type;
        }
        finally
        {
            scope.Nesting--;
        }
    }

    private bool StartsTypeName(Token token) => scope.StartsTypeName(token);
}
