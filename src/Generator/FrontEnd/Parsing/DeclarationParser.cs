using KvmSharp.Generator.Diagnostics;
using KvmSharp.Generator.FrontEnd.Evaluation;
using KvmSharp.Generator.FrontEnd.Layout;
using KvmSharp.Generator.FrontEnd.Lexing;
using KvmSharp.Generator.FrontEnd.Types;

namespace KvmSharp.Generator.FrontEnd.Parsing;

/// <summary>
/// Parses the declarations of a preprocessed header (C11 6.7 plus the GNU extensions uAPI headers
/// use): struct/union/enum definitions, typedefs, and enough of everything else to skip it. Errors
/// are reported at the offending token and parsing resumes at the next ';' or '}' that can end the
/// broken declaration, so one bad member costs one member, not the header.
/// </summary>
internal sealed partial class DeclarationParser
{
    private readonly TokenCursor cursor;
    private readonly DeclarationScope scope;
    private readonly DiagnosticBag diagnostics;
    private readonly ConstantExpressionEvaluator evaluator;

    /// <param name="cursor">The tokens to read: the translation unit's, or a type name's inside an expression.</param>
    /// <param name="scope">Where declarations go and names are looked up; shared by every parser of the unit.</param>
    /// <param name="diagnostics">Where this parser's errors go.</param>
    public DeclarationParser(TokenCursor cursor, DeclarationScope scope, DiagnosticBag diagnostics)
    {
        this.cursor = cursor;
        this.scope = scope;
        this.diagnostics = diagnostics;
        evaluator = scope.Evaluator;
    }

    private TypeLayout Layout => scope.Layout;

    private IntegerArithmetic Arithmetic => scope.Arithmetic;

    public void ParseTranslationUnit()
    {
        while (!cursor.AtEnd)
        {
            if (cursor.Accept(";"))
                continue;
            var start = cursor.Position;
            if (!ExternalDeclaration())
                Recover(atTopLevel: true);
            if (cursor.Position == start)
                cursor.Next();
        }
    }

    /// <summary>Parses one type name at the cursor (C11 6.7.7: the operand of a cast or <c>sizeof</c>); null after an error.</summary>
    public CType? ParseTypeName() => TypeName();

    private bool ExternalDeclaration()
    {
        if (cursor.Current.Is("_Static_assert"))
        {
            SkipPast(";");
            return true;
        }
        var specifiers = Specifiers(allowStorage: true);
        if (specifiers is null)
            return false;
        if (cursor.Accept(";"))
            return true;
        while (true)
        {
            var declarator = Declarator(specifiers.Type, abstractAllowed: false);
            if (declarator is null || !AsmLabelAndAttributes(specifiers))
                return false;
            if (declarator.IsFunction && cursor.Current.Is("{"))
            {
                SkipBalanced();
                return true;
            }
            if (specifiers.IsTypedef)
            {
                DeclareTypedef(declarator, specifiers);
            }
            else if (cursor.Current.Is("="))
            {
                SkipInitializer();
            }
            if (cursor.Accept(","))
                continue;
            if (cursor.Accept(";"))
                return true;
            return Error($"expected ';' after the declaration of '{declarator.Name?.Text}', found '{Describe(cursor.Current)}'", cursor.Current);
        }
    }

    private void DeclareTypedef(ParsedDeclarator declarator, DeclarationSpecifiers specifiers)
    {
        var name = declarator.Name!;
        var typedef = new TypedefCType(name.Text, declarator.Type, specifiers.AlignAttribute, name.Location);
        if (scope.Typedef(name.Text) is { } previous && previous.Target.Resolved != declarator.Type.Resolved
            && previous.Target.Spelling != declarator.Type.Spelling)
        {
            Error($"typedef redefinition with different types ('{declarator.Type.Spelling}' vs '{previous.Target.Spelling}')", name);
            return;
        }
        switch (declarator.Type)
        {
            case RecordCType { Tag: null, TypedefName: null } record:
                record.TypedefName = name.Text;
                break;
            case EnumCType { Tag: null, TypedefName: null } e:
                e.TypedefName = name.Text;
                break;
        }
        scope.DeclareTypedef(typedef);
    }

    private bool Error(string message, Token at)
    {
        diagnostics.Error(DiagnosticIds.Syntax, message, at.Location);
        return false;
    }

    private static string Describe(Token token) => token.Kind == TokenKind.EndOfFile ? "end of file" : token.Text;

    private void Expect(string text, string context)
    {
        if (!cursor.Accept(text))
            Error($"expected '{text}' {context}, found '{Describe(cursor.Current)}'", cursor.Current);
    }

    /// <summary>
    /// Skips to the end of the broken declaration: past the next ';' at this depth; inside a record, up
    /// to the '}' that closes it; at file scope, past a '}' with nothing open (a stray closer is skipped).
    /// </summary>
    private void Recover(bool atTopLevel)
    {
        var depth = 0;
        while (!cursor.AtEnd)
        {
            var token = cursor.Current;
            if (token.Is("(") || token.Is("[") || token.Is("{"))
            {
                depth++;
            }
            else if (token.Is(")") || token.Is("]") || token.Is("}"))
            {
                if (depth > 0)
                {
                    depth--;
                }
                else if (token.Is("}"))
                {
                    if (atTopLevel)
                        cursor.Next();
                    return;
                }
                else if (!atTopLevel)
                {
                    return;
                }
            }
            else if (token.Is(";") && depth == 0)
            {
                cursor.Next();
                return;
            }
            cursor.Next();
        }
    }

    private void SkipPast(string text)
    {
        while (!cursor.AtEnd && !cursor.Current.Is(text))
        {
            if (cursor.Current.Is("(") || cursor.Current.Is("{") || cursor.Current.Is("["))
                SkipBalanced();
            else
                cursor.Next();
        }
        cursor.Accept(text);
    }

    private void SkipBalanced()
    {
        var depth = 0;
        do
        {
            var token = cursor.Next();
            if (token.Is("(") || token.Is("{") || token.Is("["))
                depth++;
            else if (token.Is(")") || token.Is("}") || token.Is("]"))
                depth--;
        }
        while (depth > 0 && !cursor.AtEnd);
    }

    private void SkipInitializer()
    {
        while (!cursor.AtEnd && !cursor.Current.Is(",") && !cursor.Current.Is(";"))
        {
            if (cursor.Current.Is("(") || cursor.Current.Is("{") || cursor.Current.Is("["))
                SkipBalanced();
            else
                cursor.Next();
        }
    }
}
