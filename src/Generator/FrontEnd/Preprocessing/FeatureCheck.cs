namespace KvmSharp.Generator.FrontEnd.Preprocessing;

/// <summary>
/// clang's feature-checking operators, which headers test in <c>#if</c> to pick a code path for the compiler
/// (clang's <c>stddef.h</c> asks <c>__has_feature(modules)</c>, glibc's <c>sys/cdefs.h</c>
/// <c>__has_extension(c_generic_selections)</c>). The answers are clang's, for the target: <see cref="Facts.FeatureCheckTable"/>.
/// </summary>
public enum FeatureCheck
{
    /// <summary><c>__has_feature(NAME)</c>: a language feature of the current standard (gnu17).</summary>
    Feature,
    /// <summary><c>__has_extension(NAME)</c>: a feature or an extension clang accepts in this mode.</summary>
    Extension,
    /// <summary><c>__has_attribute(NAME)</c>: a GNU <c>__attribute__</c> clang accepts for the target.</summary>
    Attribute,
    /// <summary><c>__has_builtin(NAME)</c>: a builtin function or builtin keyword of the target.</summary>
    Builtin,
}

/// <summary>The operator spelling of each <see cref="FeatureCheck"/> and how clang reads its operand.</summary>
public static class FeatureCheckOperators
{
    /// <summary>The operators, by spelling.</summary>
    public static IReadOnlyDictionary<string, FeatureCheck> BySpelling { get; } = new Dictionary<string, FeatureCheck>(StringComparer.Ordinal)
    {
        ["__has_feature"] = FeatureCheck.Feature,
        ["__has_extension"] = FeatureCheck.Extension,
        ["__has_attribute"] = FeatureCheck.Attribute,
        ["__has_builtin"] = FeatureCheck.Builtin,
    };

    /// <summary>The spelling of <paramref name="check"/> (<c>__has_feature</c>, ...).</summary>
    public static string Spelling(FeatureCheck check) => check switch
    {
        FeatureCheck.Feature => "__has_feature",
        FeatureCheck.Extension => "__has_extension",
        FeatureCheck.Attribute => "__has_attribute",
        _ => "__has_builtin",
    };

    /// <summary>
    /// Whether clang macro-expands the operand before looking it up. clang 14 expands it for
    /// <c>__has_attribute</c> only (glibc's <c>__glibc_has_attribute</c> passes attribute names through a macro);
    /// <c>__has_feature(M)</c> with <c>#define M modules</c> asks for a feature named <c>M</c>.
    /// </summary>
    public static bool ExpandsOperand(FeatureCheck check) => check == FeatureCheck.Attribute;

    /// <summary>
    /// The name looked up for <paramref name="operand"/>: clang strips a <c>__NAME__</c> spelling to <c>NAME</c> for
    /// features, extensions and attributes (<c>__has_attribute(__packed__)</c>), never for builtins.
    /// </summary>
    public static string Normalize(FeatureCheck check, string operand)
        => check != FeatureCheck.Builtin && operand.Length > 4 && operand.StartsWith("__", StringComparison.Ordinal) && operand.EndsWith("__", StringComparison.Ordinal)
            ? operand.Substring(2, operand.Length - 4)
            : operand;
}
