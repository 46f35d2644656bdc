using System.Text.RegularExpressions;
using KvmSharp.Cli.Diff;
using KvmSharp.Generator.Model;

namespace KvmSharp.Cli.Review;

/// <summary>
/// KVMR0008: flags written together mean distinct bits. A group is what the generator's family and sub-flag rules see
/// before they split on a repeated value: the single-bit constants of one run of consecutive <c>#define</c> lines
/// (<see cref="ConstantModel.Block"/>) that stand under the same parent (<see cref="ConstantModel.Parent"/>: the
/// kernel indents a flag's own values under it) and share their first two words. Sub-flags under different parents,
/// as the lock/unlock flags of KVM_CAP_ARM_LOCK_USER_MEMORY_REGION, may share bits; a constant defined as another's
/// name (<c>#define KVM_X_OLD KVM_X</c>) is an alias and shares its bit by design. A group with a member that is not a
/// single bit, or is named as a quantity (<c>_SHIFT</c>, <c>_SIZE</c>, <c>_MASK</c>, ...), holds no flags.
/// </summary>
internal static class FlagBitCheck
{
    private static readonly Regex Quantity = new(@"_(SHIFT|SIZE|OFFSET|OFF|MASK|BITS|MAX|MIN|NUM|NR|COUNT|LEN|ALIGN|PAGES?)$");
    private static readonly Regex Alias = new(@"^\s*#\s*define\s+\w+\s+\(?\s*[A-Za-z_]\w*\s*\)?\s*(?:/\*.*)?$");

    public static void Run(ReviewContext context, List<ReviewFinding> findings)
    {
        var ioctls = new HashSet<string>(context.Model.Ioctls.Select(i => i.Name), StringComparer.Ordinal);
        var lines = context.HeaderTexts.ToDictionary(h => h.Path, h => h.Text.Replace("\r\n", "\n").Split('\n'));
        var candidates = context.Model.Constants
            .Where(c => !ioctls.Contains(c.Name) && !c.Name.StartsWith("_", StringComparison.Ordinal)
                && !c.Name.StartsWith("KVM_CAP_", StringComparison.Ordinal) && !IsAlias(c, lines));
        foreach (var group in candidates.GroupBy(c => (c.Location.File, c.Block, c.Parent, Prefix(c.Name))))
        {
            // Flags only: every member one bit, none named as a quantity (KVM_X_SHIFT 32 and KVM_Y_SHIFT 32 are no flags).
            if (group.Count() < 2 || group.Any(c => c.Value == 0 || !ConstantKinds.IsBitOrZero(c.Value) || Quantity.IsMatch(c.Name)))
                continue;
            foreach (var same in group.GroupBy(c => c.Value).Where(g => g.Count() > 1))
            {
                var first = same.First();
                foreach (var other in same.Skip(1))
                {
                    findings.Add(new ReviewFinding(ReviewIds.SharedBit, other.Location.File, other.Location.Line, other.Location.Column,
                        $"{other.Name} is bit 0x{other.Value:x}, as {first.Name} (line {first.Location.Line}) is, in the same group of flags" +
                        (other.Parent is null ? "" : $" under {other.Parent}") +
                        ": give it a bit of its own, or indent it under the flag whose value it belongs to"));
                }
            }
        }
    }

    private static string Prefix(string name)
    {
        var words = name.Split('_');
        return words.Length > 2 ? words[0] + "_" + words[1] : name;
    }

    private static bool IsAlias(ConstantModel constant, Dictionary<string, string[]> lines)
        => lines.TryGetValue(constant.Location.File, out var text) && constant.Location.Line - 1 < text.Length
            && Alias.IsMatch(text[constant.Location.Line - 1]);
}
