using System.Text;

namespace KvmSharp.Generator.Emission;

/// <summary>
/// How C names become C# names: <c>struct kvm_userspace_memory_region</c> -> <c>KvmUserspaceMemoryRegion</c>,
/// <c>guest_phys_addr</c> -> <c>GuestPhysAddr</c>, <c>KVM_CAP_ARM_MTE</c> in family <c>KVM_CAP_</c> -> <c>ArmMte</c>.
/// </summary>
internal static class CSharpNames
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue",
        "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally",
        "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock",
        "long", "namespace", "new", "null", "object", "operator", "out", "override", "params", "private", "protected",
        "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static", "string",
        "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort",
        "using", "virtual", "void", "volatile", "while",
    };

    /// <summary>snake_case or SCREAMING_CASE to PascalCase; a leading digit gets an underscore in front.</summary>
    public static string Pascal(string cName)
    {
        var result = new StringBuilder(cName.Length);
        foreach (var word in cName.Split(new[] { '_' }, StringSplitOptions.RemoveEmptyEntries))
        {
            result.Append(char.ToUpperInvariant(word[0]));
            result.Append(word.Substring(1).ToLowerInvariant());
        }
        if (result.Length == 0)
            return "_";
        if (char.IsDigit(result[0]))
            result.Insert(0, '_');
        return result.ToString();
    }

    /// <summary>An identifier that is safe as written: keywords get <c>@</c>.</summary>
    public static string Identifier(string name) => Keywords.Contains(name) ? "@" + name : name;

    /// <summary>A C# string literal for <paramref name="value"/>.</summary>
    public static string Literal(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
