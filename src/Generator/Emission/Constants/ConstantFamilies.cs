using KvmSharp.Generator.Model;

namespace KvmSharp.Generator.Emission.Constants;

/// <summary>A family of constants: consecutive <c>#define</c>s sharing a name prefix, one C type, distinct values.</summary>
internal sealed record ConstantFamily(string Prefix, CIntegerKind Type, IReadOnlyList<ConstantModel> Members);

/// <summary>
/// Finds the constant families of a header: the groups of <c>#define</c>s the kernel writes one after the other
/// for the values of one thing (<c>KVM_CAP_*</c>, <c>KVM_EXIT_*</c>, <c>KVM_MEM_*</c>), derived from the
/// header by a rule rather than a list of prefixes.
/// </summary>
/// <remarks>
/// The rule, applied to the constants in definition order:
/// <list type="number">
/// <item>Sub-flags (constants with a <see cref="ConstantModel.Parent"/>) are skipped: they belong to their
/// parent flag (<see cref="FlagSubFamilies"/>) and neither join nor break a family.</item>
/// <item>Ioctl requests, names starting with <c>_</c> (the implementation's), and constants of a type no enum
/// can have (<c>_Bool</c>, <c>__int128</c>) take no part, and break a run.</item>
/// <item>A run starts at a constant and extends over the next ones while each stands in the same block of
/// consecutive <c>#define</c> lines (<see cref="ConstantModel.Block"/>: a blank line or a comment ends a
/// block), has the same C type, starts with the run's prefix (and is longer than it) and has a value not yet
/// in the run (a repeated value is a new group written right under the last one).</item>
/// <item>The prefix is chosen among the constant's leading words, at least two of them (<c>KVM_CAP_</c>, not
/// <c>KVM_</c>): the one whose run is longest; between equally long runs, the longest prefix
/// (<c>KVM_DEV_TYPE_</c> over <c>KVM_DEV_</c>). A run of at least two constants is a family; the next run
/// starts after it.</item>
/// <item>Families with the same prefix (one group split by another <c>#define</c>, or written in two headers)
/// merge, in order, when they have the same type and no value in common; of those that still share a
/// prefix, the largest is kept (the first of equals) and the others' constants stay plain constants.</item>
/// <item>A constant in no family (alone in its block, as under an <c>#ifdef</c>) joins the family with the
/// longest prefix it has, when the type matches and its value is not yet in the family.</item>
/// </list>
/// </remarks>
internal static class ConstantFamilies
{
    private const int MinimumPrefixWords = 2;
    private const int MinimumMembers = 2;

    public static List<ConstantFamily> Find(HeaderModel model)
    {
        var ioctls = new HashSet<string>(model.Ioctls.Select(i => i.Name), StringComparer.Ordinal);
        var sequence = model.Constants.Where(c => c.Parent is null).ToList();
        bool Eligible(ConstantModel c) => !ioctls.Contains(c.Name) && c.Name.Length > 0 && c.Name[0] != '_'
            && ConstantTypes.IsEnumUnderlying(c.Type);

        var runs = new List<ConstantFamily>();
        for (var i = 0; i < sequence.Count;)
        {
            if (!Eligible(sequence[i]))
            {
                i++;
                continue;
            }
            var (length, prefix) = BestPrefix(sequence, i, Eligible);
            if (length >= MinimumMembers)
                runs.Add(new ConstantFamily(prefix, sequence[i].Type, sequence.GetRange(i, length)));
            i += Math.Max(length, 1);
        }
        return AdoptStragglers(MergeByPrefix(runs), sequence, Eligible);
    }

    // A constant alone in its block (one #define under an #ifdef, or between two comments) joins the family
    // whose prefix it has, when its type matches and its value is new there: KVM_CAP_IRQFD stands alone.
    private static List<ConstantFamily> AdoptStragglers(List<ConstantFamily> families, List<ConstantModel> sequence, Func<ConstantModel, bool> eligible)
    {
        var taken = new HashSet<string>(families.SelectMany(f => f.Members).Select(m => m.Name), StringComparer.Ordinal);
        var order = sequence.Select((c, i) => (c.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        var grown = families.Select(f => f.Members.ToList()).ToList();
        foreach (var constant in sequence)
        {
            if (taken.Contains(constant.Name) || !eligible(constant))
                continue;
            var best = -1;
            for (var k = 0; k < families.Count; k++)
            {
                var family = families[k];
                if (constant.Name.Length > family.Prefix.Length && constant.Name.StartsWith(family.Prefix, StringComparison.Ordinal)
                    && constant.Type == family.Type && grown[k].All(m => m.Value != constant.Value)
                    && (best < 0 || family.Prefix.Length > families[best].Prefix.Length))
                    best = k;
            }
            if (best >= 0)
                grown[best].Add(constant);
        }
        return families.Select((f, k) => f with { Members = grown[k].OrderBy(m => order[m.Name]).ToList() }).ToList();
    }

    private static (int Length, string Prefix) BestPrefix(List<ConstantModel> sequence, int start, Func<ConstantModel, bool> eligible)
    {
        var words = sequence[start].Name.Split('_');
        var best = (Length: 0, Prefix: "");
        for (var count = MinimumPrefixWords; count < words.Length; count++)
        {
            var prefix = string.Join("_", words, 0, count) + "_";
            var length = RunLength(sequence, start, prefix, eligible);
            // >= : a longer prefix with an equally long run is the more specific family.
            if (length >= best.Length && length > 0)
                best = (length, prefix);
        }
        return best;
    }

    private static int RunLength(List<ConstantModel> sequence, int start, string prefix, Func<ConstantModel, bool> eligible)
    {
        var first = sequence[start];
        var values = new HashSet<ulong>();
        var length = 0;
        for (var j = start; j < sequence.Count; j++)
        {
            var c = sequence[j];
            if (!eligible(c) || c.Name.Length <= prefix.Length || !c.Name.StartsWith(prefix, StringComparison.Ordinal))
                break;
            if (c.Type != first.Type || c.Block != first.Block || !values.Add(c.Value))
                break;
            length++;
        }
        return length;
    }

    private static List<ConstantFamily> MergeByPrefix(List<ConstantFamily> runs)
    {
        var byPrefix = new Dictionary<string, List<ConstantFamily>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var run in runs)
        {
            if (!byPrefix.TryGetValue(run.Prefix, out var same))
            {
                byPrefix[run.Prefix] = same = new List<ConstantFamily>();
                order.Add(run.Prefix);
            }
            var into = same.FindIndex(f => f.Type == run.Type
                && !f.Members.Select(m => m.Value).Intersect(run.Members.Select(m => m.Value)).Any());
            if (into < 0)
                same.Add(run);
            else
                same[into] = same[into] with { Members = same[into].Members.Concat(run.Members).ToList() };
        }
        // Largest first, then the earliest: OrderByDescending is stable.
        return order.Select(p => byPrefix[p].OrderByDescending(f => f.Members.Count).First()).ToList();
    }
}
