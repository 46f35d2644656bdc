using KvmSharp.Generator.Model;

namespace KvmSharp.Generator.Emission.Constants;

/// <summary>Every enum of a header model, named, and the enumerators of unnamed C enums that get no enum.</summary>
/// <param name="FieldEnums">The enum of each struct member the header defines a family for right above it (<see cref="FieldFamilies"/>), by the member's location.</param>
internal sealed record EnumPlan(
    IReadOnlyList<EnumShape> Enums,
    IReadOnlyList<(EnumModel Enum, EnumeratorModel Enumerator)> LooseEnumerators,
    IReadOnlyDictionary<SourceLocation, EnumShape> FieldEnums);

/// <summary>
/// Turns C enums, constant families and sub-flags into <see cref="EnumShape"/>s with unique names. C enums are
/// named first (they are real C types, so their names are the most expected), then families, then sub-flags.
/// </summary>
internal static class EnumShapes
{
    // The two families every KVM user reaches for get the names the KVM documentation uses for them;
    // every other family is named from its prefix.
    private static readonly Dictionary<string, string> WellKnownFamilies = new(StringComparer.Ordinal)
    {
        ["KVM_CAP_"] = GeneratedNames.Capability,
        ["KVM_EXIT_"] = GeneratedNames.ExitReason,
    };

    /// <summary>Class names the constant and ioctl emitters write.</summary>
    public static readonly IReadOnlyCollection<string> ClassNames = new[] { GeneratedNames.Constants, GeneratedNames.Enumerators, GeneratedNames.Ioctls };

    // Every emitter of one model asks for its enums (constants, records, wrappers): planned once per model instance.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<HeaderModel, EnumPlan> Plans = new();

    public static EnumPlan Build(HeaderModel model) => Plans.GetValue(model, Plan);

    private static EnumPlan Plan(HeaderModel model)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        taken.UnionWith(SupportTypesEmitter.TypeNames);
        taken.UnionWith(ClassNames);
        // Records are written by RecordEmitter under the PascalCase of their tag or typedef name.
        foreach (var record in model.Records)
        {
            if (record.Key is { } key)
                taken.Add(CSharpNames.Pascal(key));
        }

        var enums = new List<EnumShape>();
        var loose = new List<(EnumModel, EnumeratorModel)>();
        foreach (var e in model.Enums)
        {
            if (FromCEnum(e, taken) is { } shape)
                enums.Add(shape);
            else
                loose.AddRange(e.Enumerators.Select(n => (e, n)));
        }
        var families = ConstantFamilies.Find(model).ToList();
        var fieldFamilies = FieldFamilies.Find(model, families);
        var byPrefix = fieldFamilies.Values.ToDictionary(f => f.Family.Prefix, StringComparer.Ordinal);
        var shapes = new Dictionary<string, EnumShape>(StringComparer.Ordinal);
        foreach (var family in families)
        {
            // A family a struct member holds takes the member's C type, so the member can be typed by the enum.
            var shape = byPrefix.TryGetValue(family.Prefix, out var held)
                ? WithHolder(FromFamily(family with { Type = held.Type }, taken), held.Member)
                : FromFamily(family, taken);
            shapes[family.Prefix] = shape;
            enums.Add(shape);
        }
        var fieldEnums = fieldFamilies.ToDictionary(f => f.Key, f => shapes[f.Value.Family.Prefix]);
        foreach (var sub in FlagSubFamilies.Find(model))
            enums.Add(FromSubFlags(sub, taken));
        return new EnumPlan(enums, loose, fieldEnums);
    }

    /// <summary>
    /// Whether the values are distinct single bits (0 allowed) with at least two bits among them, and are not
    /// 0, 1, 2: a count from zero (<c>KVM_IRQCHIP_PIC_MASTER</c>, <c>_SLAVE</c>, <c>_IOAPIC</c>) is an enumeration
    /// whose first values happen to be bits.
    /// </summary>
    public static bool AreFlags(IReadOnlyList<ulong> values, CIntegerKind type)
    {
        var mask = type.Size() >= 8 ? ulong.MaxValue : (1UL << (type.Size() * 8)) - 1;
        var bits = values.Select(v => v & mask).ToList();
        return bits.Distinct().Count() == bits.Count
            && bits.All(v => (v & (v - 1)) == 0)
            && bits.Count(v => v != 0) >= 2
            && !(bits.Count == 3 && bits.Contains(0) && bits.Contains(1) && bits.Contains(2));
    }

    private static EnumShape? FromCEnum(EnumModel e, ISet<string> taken)
    {
        var names = e.Enumerators.Select(n => n.Name).ToList();
        var prefix = names.Count > 1 ? EnumNaming.CommonWordPrefix(names) : "";
        var cName = e.Tag ?? e.TypedefName;
        if (cName is null && prefix.Length == 0)
            return null; // Nothing to name it by: its enumerators become KvmEnumerators constants.
        var values = e.Enumerators.Select(n => n.Value).ToList();
        var flags = AreFlags(values, e.Underlying);
        var name = EnumNaming.TypeName(CSharpNames.Pascal(cName ?? prefix), flags, taken);
        var spelling = e.Tag is not null ? "enum " + e.Tag : e.TypedefName;
        var summary = spelling is not null
            ? $"<c>{IndentedWriter.XmlEscape(spelling)}</c>"
            : $"The unnamed enum of <c>{IndentedWriter.XmlEscape(prefix)}*</c> ({IndentedWriter.XmlEscape(FileName(e.Location))}).";
        var memberNames = EnumNaming.Members(names, prefix, name);
        var members = e.Enumerators.Select((n, i) => new EnumShapeMember(memberNames[i], n.Value, n.Name, n.Comment)).ToList();
        return new EnumShape(name, e.Underlying, flags, WithComment(summary, e.Comment), spelling, null, null, members);
    }

    private static EnumShape FromFamily(ConstantFamily family, ISet<string> taken)
    {
        var flags = AreFlags(family.Members.Select(m => m.Value).ToList(), family.Type);
        var desired = WellKnownFamilies.TryGetValue(family.Prefix, out var known) ? known : CSharpNames.Pascal(family.Prefix);
        var name = EnumNaming.TypeName(desired, flags, taken);
        var summary = $"The <c>{IndentedWriter.XmlEscape(family.Prefix)}*</c> constants ({family.Type.Spelling()}).";
        return new EnumShape(name, family.Type, flags, summary, null, family.Prefix, null, Members(family.Members, family.Prefix, name));
    }

    private static EnumShape WithHolder(EnumShape shape, string member)
        => shape with
        {
            HeldBy = member,
            Summary = shape.Summary + $"\nThe type of <c>{IndentedWriter.XmlEscape(member)}</c>, which the header defines them right above.",
        };

    private static EnumShape FromSubFlags(FlagSubFamily sub, ISet<string> taken)
    {
        var type = sub.Children[0].Type;
        var flags = AreFlags(sub.Children.Select(c => c.Value).ToList(), type);
        var name = EnumNaming.TypeName(CSharpNames.Pascal(sub.Parent.Name) + FlagSubFamilies.NameSuffix, flags, taken);
        var summary = $"The values the header indents under <c>{IndentedWriter.XmlEscape(sub.Parent.Name)}</c> ({type.Spelling()}).";
        return new EnumShape(name, type, flags, summary, null, null, sub.Parent.Name, Members(sub.Children, sub.MemberPrefix, name));
    }

    private static List<EnumShapeMember> Members(IReadOnlyList<ConstantModel> constants, string prefix, string enumName)
    {
        var names = EnumNaming.Members(constants.Select(c => c.Name).ToList(), prefix, enumName);
        return constants.Select((c, i) => new EnumShapeMember(names[i], c.Value, c.Name, c.Comment)).ToList();
    }

    private static string WithComment(string summary, string? comment)
        => string.IsNullOrWhiteSpace(comment) ? summary : summary + "\n" + IndentedWriter.XmlEscape(comment!);

    private static string FileName(SourceLocation location)
    {
        var slash = location.File.LastIndexOfAny(new[] { '/', '\\' });
        return (slash < 0 ? location.File : location.File.Substring(slash + 1)) + ":" + location.Line;
    }
}
