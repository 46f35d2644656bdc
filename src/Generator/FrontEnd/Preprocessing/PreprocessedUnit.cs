using KvmSharp.Generator.FrontEnd.Lexing;

namespace KvmSharp.Generator.FrontEnd.Preprocessing;

/// <summary>The translation unit after preprocessing: the tokens the parser reads, and the macros as they stand at its end.</summary>
internal sealed class PreprocessedUnit
{
    public PreprocessedUnit(TokenList tokens, Dictionary<string, MacroDefinition> macros, List<MacroDefinition> headerMacros, List<SourceFile> files, PackPragmas packs, MacroExpander expander)
    {
        Expander = expander;
        Packs = packs;
        Tokens = tokens;
        Macros = macros;
        HeaderMacros = headerMacros;
        Files = files;
    }

    /// <summary>The <c>#pragma pack</c> in effect at each of <see cref="Tokens"/>.</summary>
    public PackPragmas Packs { get; }

    /// <summary>Expanded tokens, ending with an end-of-file token.</summary>
    public TokenList Tokens { get; }

    /// <summary>Every macro defined at the end of the unit (what <c>clang -dM -E</c> prints).</summary>
    public Dictionary<string, MacroDefinition> Macros { get; }

    /// <summary>The macros of <see cref="Macros"/> that a header defined, in order of definition.</summary>
    public List<MacroDefinition> HeaderMacros { get; }

    /// <summary>The preprocessor's macro expander, over <see cref="Macros"/>: what expands a macro after the unit's end.</summary>
    public MacroExpander Expander { get; }

    /// <summary>The files read, in the order they were first opened.</summary>
    public List<SourceFile> Files { get; }
}
