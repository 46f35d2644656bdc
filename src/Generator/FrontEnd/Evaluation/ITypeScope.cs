using KvmSharp.Generator.FrontEnd.Layout;
using KvmSharp.Generator.FrontEnd.Lexing;
using KvmSharp.Generator.FrontEnd.Types;

namespace KvmSharp.Generator.FrontEnd.Evaluation;

/// <summary>
/// What a constant expression may ask of the declarations around it: type names (casts, sizeof),
/// enumerators, and layouts: the header's file scope (Parsing/DeclarationScope). The preprocessor has none (C11 6.10.1:
/// no casts or sizeof in #if).
/// </summary>
internal interface ITypeScope
{
    TypeLayout Layout { get; }

    /// <summary>Whether the token can begin a type name (keyword, typedef name, struct/union/enum).</summary>
    bool StartsTypeName(Token token);

    /// <summary>Parses a type name at the cursor; null with the reason when it is not one.</summary>
    CType? ParseTypeName(TokenCursor cursor, out string? error, out Token? at);

    bool TryGetEnumerator(string name, out CValue value);
}
