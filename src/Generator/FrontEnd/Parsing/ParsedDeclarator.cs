using KvmSharp.Generator.FrontEnd.Lexing;
using KvmSharp.Generator.FrontEnd.Types;

namespace KvmSharp.Generator.FrontEnd.Parsing;

/// <summary>A declarator: the declared name (null when abstract) and the type it derives.</summary>
internal sealed record ParsedDeclarator(Token? Name, CType Type, bool IsFunction, Token At);
