using System.Collections.Immutable;
using KvmSharp.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using RoslynSeverity = Microsoft.CodeAnalysis.DiagnosticSeverity;

namespace KvmSharp.Generator.Generation;

/// <summary>
/// One descriptor per header diagnostic ID (<see cref="DiagnosticIds"/>), declared so that release tracking
/// (AnalyzerReleases.*.md) and the IDE know each ID, its title, default severity and help page. A diagnostic
/// reported at another severity than its default (a redefined macro is a KVMH0002 warning) keeps its descriptor.
/// </summary>
internal static class HeaderDiagnosticDescriptors
{
    private const string Category = GeneratorDiagnostics.Category;

    public static readonly DiagnosticDescriptor Lexical = new(DiagnosticIds.Lexical,
        "The lexer cannot read a character or literal", "{0}", Category, RoslynSeverity.Error, isEnabledByDefault: true,
        helpLinkUri: DiagnosticHelp.Link(DiagnosticIds.Lexical));

    public static readonly DiagnosticDescriptor Directive = new(DiagnosticIds.Directive,
        "A preprocessing directive is malformed", "{0}", Category, RoslynSeverity.Error, isEnabledByDefault: true,
        helpLinkUri: DiagnosticHelp.Link(DiagnosticIds.Directive));

    public static readonly DiagnosticDescriptor Include = new(DiagnosticIds.Include,
        "An included header was not found", "{0}", Category, RoslynSeverity.Error, isEnabledByDefault: true,
        helpLinkUri: DiagnosticHelp.Link(DiagnosticIds.Include));

    public static readonly DiagnosticDescriptor ErrorDirective = new(DiagnosticIds.ErrorDirective,
        "The header's #error", "{0}", Category, RoslynSeverity.Error, isEnabledByDefault: true,
        helpLinkUri: DiagnosticHelp.Link(DiagnosticIds.ErrorDirective));

    public static readonly DiagnosticDescriptor WarningDirective = new(DiagnosticIds.WarningDirective,
        "The header's #warning", "{0}", Category, RoslynSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: DiagnosticHelp.Link(DiagnosticIds.WarningDirective));

    public static readonly DiagnosticDescriptor MacroExpansion = new(DiagnosticIds.MacroExpansion,
        "A macro expansion does not end or has wrong arguments", "{0}", Category, RoslynSeverity.Error, isEnabledByDefault: true,
        helpLinkUri: DiagnosticHelp.Link(DiagnosticIds.MacroExpansion));

    public static readonly DiagnosticDescriptor ConditionalExpression = new(DiagnosticIds.ConditionalExpression,
        "An #if expression is not an integer constant expression", "{0}", Category, RoslynSeverity.Error, isEnabledByDefault: true,
        helpLinkUri: DiagnosticHelp.Link(DiagnosticIds.ConditionalExpression));

    public static readonly DiagnosticDescriptor Syntax = new(DiagnosticIds.Syntax,
        "A declaration is not valid C", "{0}", Category, RoslynSeverity.Error, isEnabledByDefault: true,
        helpLinkUri: DiagnosticHelp.Link(DiagnosticIds.Syntax));

    public static readonly DiagnosticDescriptor Layout = new(DiagnosticIds.Layout,
        "A type or layout cannot be computed", "{0}", Category, RoslynSeverity.Error, isEnabledByDefault: true,
        helpLinkUri: DiagnosticHelp.Link(DiagnosticIds.Layout));

    public static readonly DiagnosticDescriptor HeaderNotFound = new(DiagnosticIds.HeaderNotFound,
        "The header was not found", "{0}", Category, RoslynSeverity.Error, isEnabledByDefault: true,
        helpLinkUri: DiagnosticHelp.Link(DiagnosticIds.HeaderNotFound));

    public static readonly DiagnosticDescriptor IgnoredPragma = new(DiagnosticIds.IgnoredPragma,
        "A #pragma pack that has no effect", "{0}", Category, RoslynSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: DiagnosticHelp.Link(DiagnosticIds.IgnoredPragma));

    /// <summary>Every descriptor by its ID.</summary>
    public static readonly ImmutableDictionary<string, DiagnosticDescriptor> ById = new[]
    {
        Lexical, Directive, Include, ErrorDirective, WarningDirective, MacroExpansion, ConditionalExpression, Syntax, Layout,
        HeaderNotFound, IgnoredPragma,
    }.ToImmutableDictionary(d => d.Id);
}
