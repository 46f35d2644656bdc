namespace KvmSharp.Generator.Emission.Constants;

/// <summary>
/// Names of generated enums and their members.
/// <list type="bullet">
/// <item>A member is its C name without the prefix its enum's members share, in PascalCase
/// (<c>KVM_CAP_ARM_MTE</c> in <c>KVM_CAP_</c> is <c>ArmMte</c>).</item>
/// <item>A member whose rest starts with a digit keeps the last word of the prefix
/// (<c>KVM_FOO_V_1</c> in <c>KVM_FOO_V_</c> is <c>V1</c>, not <c>_1</c>).</item>
/// <item>Two members that would get one name: the later one is named from its whole C name.</item>
/// <item>An enum whose name is taken (a record, a support type, another enum) gets <c>Flags</c> or
/// <c>Values</c> appended, then a number.</item>
/// </list>
/// </summary>
internal static class EnumNaming
{
    /// <summary>The longest run of whole leading words (each ending in <c>_</c>) that every name has, leaving each name at least one word.</summary>
    public static string CommonWordPrefix(IReadOnlyList<string> names)
    {
        if (names.Count == 0)
            return "";
        var words = names.Select(n => n.Split('_')).ToList();
        var limit = words.Min(w => w.Length) - 1;
        var count = 0;
        while (count < limit && words.All(w => w[count] == words[0][count]))
            count++;
        return count == 0 ? "" : string.Join("_", words[0], 0, count) + "_";
    }

    /// <summary>Member names for <paramref name="cNames"/> with <paramref name="prefix"/> taken off, unique in the enum.</summary>
    public static List<string> Members(IReadOnlyList<string> cNames, string prefix, string enumName)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<string>(cNames.Count);
        foreach (var cName in cNames)
        {
            var rest = cName.Substring(prefix.Length);
            if (rest.Length > 0 && char.IsDigit(rest[0]))
                rest = LastWord(prefix) + "_" + rest;
            var name = CSharpNames.Pascal(rest);
            // A member named like its enum reads as a constructor to people, so it takes the whole C name too.
            if (name == enumName || used.Contains(name))
                name = CSharpNames.Pascal(cName);
            var unique = name;
            for (var n = 2; unique == enumName || used.Contains(unique); n++)
                unique = name + "_" + n;
            used.Add(unique);
            name = unique;
            result.Add(name);
        }
        return result;
    }

    /// <summary><paramref name="desired"/>, or it with <c>Flags</c>/<c>Values</c> and then a number appended, whichever is free; marks it taken.</summary>
    public static string TypeName(string desired, bool isFlags, ISet<string> taken)
    {
        if (taken.Add(desired))
            return desired;
        var suffixed = desired + (isFlags ? "Flags" : "Values");
        if (taken.Add(suffixed))
            return suffixed;
        for (var n = 2; ; n++)
        {
            if (taken.Add(suffixed + n))
                return suffixed + n;
        }
    }

    private static string LastWord(string prefix)
    {
        var trimmed = prefix.TrimEnd('_');
        var at = trimmed.LastIndexOf('_');
        return at < 0 ? trimmed : trimmed.Substring(at + 1);
    }
}
