namespace KvmSharp.Generator.Diagnostics;

/// <summary>The identifiers of header diagnostics. Stable: users may suppress them by ID.</summary>
public static class DiagnosticIds
{
    /// <summary>The lexer met a character or literal it cannot read.</summary>
    public const string Lexical = "KVMH0001";
    /// <summary>A preprocessing directive is malformed (<c>#if</c> without <c>#endif</c>, bad <c>#define</c>, ...).</summary>
    public const string Directive = "KVMH0002";
    /// <summary>An <c>#include</c> names a file found in no include directory, or includes itself forever.</summary>
    public const string Include = "KVMH0003";
    /// <summary><c>#error</c> in the header.</summary>
    public const string ErrorDirective = "KVMH0004";
    /// <summary><c>#warning</c> in the header.</summary>
    public const string WarningDirective = "KVMH0005";
    /// <summary>A macro expansion does not end (runaway recursion or size) or has wrong arguments.</summary>
    public const string MacroExpansion = "KVMH0006";
    /// <summary>A <c>#if</c> expression is not an integer constant expression.</summary>
    public const string ConditionalExpression = "KVMH0007";
    /// <summary>A declaration is not valid C (stray token, unbalanced braces, unknown type name).</summary>
    public const string Syntax = "KVMH0008";
    /// <summary>A type or layout cannot be computed (incomplete type, bad array size, bad bitfield width).</summary>
    public const string Layout = "KVMH0009";
    /// <summary>The requested header was not found.</summary>
    public const string HeaderNotFound = "KVMH0010";
    /// <summary>A <c>#pragma pack</c> the compilers ignore too (bad alignment, pop without push): a warning, the pragma has no effect.</summary>
    public const string IgnoredPragma = "KVMH0011";
}
