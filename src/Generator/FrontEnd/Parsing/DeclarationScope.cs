using KvmSharp.Generator.Diagnostics;
using KvmSharp.Generator.FrontEnd.Evaluation;
using KvmSharp.Generator.FrontEnd.Layout;
using KvmSharp.Generator.FrontEnd.Lexing;
using KvmSharp.Generator.FrontEnd.Preprocessing;
using KvmSharp.Generator.FrontEnd.Types;
using KvmSharp.Generator.Model;

namespace KvmSharp.Generator.FrontEnd.Parsing;

/// <summary>
/// The file scope of one translation unit: its typedef names, tags and enumerators, and the records, enums
/// and typedefs in the order they were declared. <see cref="DeclarationParser"/> fills it; constant
/// expressions are evaluated in it (casts, <c>sizeof</c>, enumerators), during parsing and after it, by
/// <see cref="Evaluator"/>.
/// </summary>
internal sealed class DeclarationScope : ITypeScope
{
    private readonly Dictionary<string, TypedefCType> typedefs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CType> tags = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CValue> enumerators = new(StringComparer.Ordinal);
    private readonly TokenCursor unit;
    private readonly PackPragmas packs;

    /// <param name="layout">The target's layouts, which <c>sizeof</c> and <c>_Alignof</c> ask.</param>
    /// <param name="unit">The translation unit's cursor, whose token positions <paramref name="packs"/> indexes.</param>
    /// <param name="packs">The unit's <c>#pragma pack</c> regions.</param>
    public DeclarationScope(TypeLayout layout, TokenCursor unit, PackPragmas packs)
    {
        Layout = layout;
        this.unit = unit;
        this.packs = packs;
        Arithmetic = new IntegerArithmetic(layout.Arch.CharIsSigned, layout.Arch.WCharIsSigned);
        // One evaluator for every parser of the scope and for the macros after them: it is re-entrant, and its depth
        // bound then covers the whole recursion through type names, whichever parser is reading them.
        Evaluator = new ConstantExpressionEvaluator(Arithmetic, this, preprocessor: false);
        var origin = new SourceLocation("<built-in>", 1, 1);
        typedefs["__int128_t"] = new TypedefCType("__int128_t", IntegerCType.Of(CIntegerKind.Int128), null, origin);
        typedefs["__uint128_t"] = new TypedefCType("__uint128_t", IntegerCType.Of(CIntegerKind.UnsignedInt128), null, origin);
        typedefs["__builtin_va_list"] = new TypedefCType("__builtin_va_list", VaListType.For(layout.Arch, origin), null, origin);
    }

    public TypeLayout Layout { get; }

    public IntegerArithmetic Arithmetic { get; }

    /// <summary>Evaluates the integer constant expressions of the scope's declarations and of the macros after them.</summary>
    public ConstantExpressionEvaluator Evaluator { get; }

    /// <summary>
    /// How deep the records, declarators and type names being read are nested, counted across every parser of the
    /// scope: a type name inside an expression inside a declarator is read by a parser of its own, and one bound must
    /// cover them together for a hostile header not to overflow the stack.
    /// </summary>
    public int Nesting { get; set; }

    /// <summary>Complete records in the order their definitions end (nested ones first).</summary>
    public List<RecordCType> Records { get; } = new();

    /// <summary>Complete enums in the order their definitions end.</summary>
    public List<EnumCType> Enums { get; } = new();

    /// <summary>Typedefs of the header, in order (the built-in ones are not listed).</summary>
    public List<TypedefCType> Typedefs { get; } = new();

    /// <summary>The typedef named <paramref name="name"/>, or null when the name is not a typedef name.</summary>
    public TypedefCType? Typedef(string name) => typedefs.TryGetValue(name, out var typedef) ? typedef : null;

    /// <summary>Declares (or redeclares) a typedef name of the header.</summary>
    public void DeclareTypedef(TypedefCType typedef)
    {
        typedefs[typedef.Name] = typedef;
        Typedefs.Add(typedef);
    }

    /// <summary>The struct, union or enum declared with <paramref name="tag"/>, or null.</summary>
    public CType? Tag(string tag) => tags.TryGetValue(tag, out var type) ? type : null;

    public void DeclareTag(string tag, CType type) => tags[tag] = type;

    public void DeclareEnumerator(string name, CValue value) => enumerators[name] = value;

    public bool TryGetEnumerator(string name, out CValue value) => enumerators.TryGetValue(name, out value);

    /// <summary>The <c>#pragma pack</c> cap on a record whose body starts at <paramref name="cursor"/>'s position.</summary>
    /// <remarks>Pragmas are positions in the unit's tokens; a record read from a macro's expansion has none.</remarks>
    public int? MaxFieldAlign(TokenCursor cursor) => ReferenceEquals(cursor, unit) ? packs.At(cursor.Position) : null;

    public bool StartsTypeName(Token token)
        => token.Kind == TokenKind.Identifier
           && (DeclarationParser.TypeKeywords.Contains(token.Text) || DeclarationParser.Qualifiers.Contains(token.Text)
               || typedefs.ContainsKey(token.Text) || token.Text is "__attribute__" or "_Alignas");

    /// <summary>
    /// Parses a type name at <paramref name="cursor"/> with a parser of its own, whose diagnostics are not the
    /// header's: a type name that does not parse makes the expression around it fail, with the first reason.
    /// </summary>
    public CType? ParseTypeName(TokenCursor cursor, out string? error, out Token? at)
    {
        var reasons = new DiagnosticBag();
        var type = new DeclarationParser(cursor, this, reasons).ParseTypeName();
        error = type is null ? reasons.Items.FirstOrDefault()?.Message ?? "expected a type name" : null;
        at = type is null ? cursor.Current : null;
        return type;
    }
}
