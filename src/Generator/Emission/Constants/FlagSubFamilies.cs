using KvmSharp.Generator.Model;

namespace KvmSharp.Generator.Emission.Constants;

/// <summary>The constants the header indents under one flag, and the prefix their member names drop.</summary>
internal sealed record FlagSubFamily(ConstantModel Parent, string MemberPrefix, IReadOnlyList<ConstantModel> Children);

/// <summary>
/// Sub-flags: the kernel indents a flag's own values under it (<c>#define   KVM_DEV_VFIO_GROUP_ADD</c> under
/// <c>KVM_DEV_VFIO_GROUP</c>). Their values restart, so they cannot share an enum with the parent's
/// siblings; they become an enum of their own, tied to the parent by <c>[KvmSubFlagsOf]</c>.
/// </summary>
/// <remarks>
/// Rules: the children of one parent (the model's <see cref="ConstantModel.Parent"/>, in definition order) form
/// an enum when they all have one C type an enum can have and distinct values; otherwise (the arm64 VGIC
/// register group indents shifts and masks of mixed types) they stay plain constants. The enum is named
/// <c>{Parent}SubFlags</c> (<c>KvmDevVfioGroupSubFlags</c>) whether or not the values are single bits, so
/// that the name does not change when the header adds a value. Member names drop the word prefix the
/// children share; a lone child drops the prefix it shares with its parent.
/// </remarks>
internal static class FlagSubFamilies
{
    public const string NameSuffix = "SubFlags";

    public static List<FlagSubFamily> Find(HeaderModel model)
    {
        var byName = new Dictionary<string, ConstantModel>(StringComparer.Ordinal);
        foreach (var c in model.Constants)
            byName[c.Name] = c;

        var groups = new Dictionary<string, List<ConstantModel>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var c in model.Constants.Where(c => c.Parent is not null))
        {
            if (!groups.TryGetValue(c.Parent!, out var children))
            {
                groups[c.Parent!] = children = new List<ConstantModel>();
                order.Add(c.Parent!);
            }
            children.Add(c);
        }

        var result = new List<FlagSubFamily>();
        foreach (var parentName in order)
        {
            var children = groups[parentName];
            if (!byName.TryGetValue(parentName, out var parent))
                continue;
            var type = children[0].Type;
            if (!ConstantTypes.IsEnumUnderlying(type) || children.Any(c => c.Type != type)
                || children.Select(c => c.Value).Distinct().Count() != children.Count)
                continue;
            var names = children.Select(c => c.Name).ToList();
            var prefix = children.Count > 1
                ? EnumNaming.CommonWordPrefix(names)
                : SharedWithParent(children[0].Name, parentName);
            result.Add(new FlagSubFamily(parent, prefix, children));
        }
        return result;
    }

    // The leading words a lone child shares with its parent, leaving it at least one word of its own.
    private static string SharedWithParent(string child, string parent)
    {
        var prefix = EnumNaming.CommonWordPrefix(new[] { child, parent + "_X" });
        return child.Length > prefix.Length ? prefix : "";
    }
}
