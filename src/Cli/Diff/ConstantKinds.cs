using KvmSharp.Generator.Emission.Constants;
using KvmSharp.Generator.Emission;
using KvmSharp.Generator.Model;

namespace KvmSharp.Cli.Diff;

/// <summary>
/// Tells capabilities, flags and plain constants apart in one header, by the generator's own grouping: a flag is a
/// member of a constant family (<see cref="ConstantFamilies"/>) whose values are all single bits or zero, or a
/// sub-flag indented under another constant (<see cref="FlagSubFamilies"/>, <see cref="ConstantModel.Parent"/>).
/// </summary>
internal sealed class ConstantKinds
{
    private readonly HashSet<string> flags = new(StringComparer.Ordinal);

    public ConstantKinds(HeaderModel model)
    {
        foreach (var family in ConstantFamilies.Find(model))
        {
            if (family.Prefix.StartsWith("KVM_CAP_", StringComparison.Ordinal) || !family.Members.All(m => IsBitOrZero(m.Value)))
                continue;
            foreach (var member in family.Members)
                flags.Add(member.Name);
        }
        foreach (var constant in model.Constants)
        {
            if (constant.Parent is not null)
            {
                flags.Add(constant.Name);
                // A constant with sub-flags under it is a flag: the header indents values under flags.
                flags.Add(constant.Parent);
            }
        }
    }

    /// <summary>What <paramref name="name"/> is.</summary>
    public AbiItemKind Of(string name)
        => name.StartsWith("KVM_CAP_", StringComparison.Ordinal) ? AbiItemKind.Capability
            : flags.Contains(name) ? AbiItemKind.Flag
            : AbiItemKind.Constant;

    /// <summary>Whether <paramref name="value"/> is zero or has exactly one bit set.</summary>
    public static bool IsBitOrZero(ulong value) => (value & (value - 1)) == 0;
}
