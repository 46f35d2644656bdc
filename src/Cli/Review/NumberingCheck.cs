using KvmSharp.Generator.Model;

namespace KvmSharp.Cli.Review;

/// <summary>
/// KVMR0006 and KVMR0007: a capability's number, and an ioctl's (type, nr) pair, name one thing. A new one (not in the
/// base) whose number the base gives to another is the rebase collision a long-lived uAPI series meets: another series
/// took the number upstream first. Two in the header that share one are a duplicate when one of them is new, when
/// they are capabilities, or when the ioctls' whole request numbers are equal: the uAPI's history reused a few
/// (type, nr) pairs with another direction or size (KVM_ENABLE_CAP and KVM_GET_TSC_KHZ are both 0xa3), which the
/// kernel tells apart by the whole request; that is not a patch's to fix, and is left alone.
/// </summary>
internal static class NumberingCheck
{
    public static void Run(ReviewContext context, List<ReviewFinding> findings)
    {
        var model = context.Model;
        Check(context, findings, "capability number",
            ReviewContext.Capabilities(model).Select(c => (c.Name, Key: c.Value.ToString(), Whole: c.Value, c.Location)).ToList(),
            context.Base is null ? null : ReviewContext.Capabilities(context.Base).Select(c => (c.Name, Key: c.Value.ToString())).ToList(),
            historyAllowed: false);
        Check(context, findings, "ioctl (type, nr)",
            ReviewContext.Ioctls(model).Select(i => (i.Name, Key: Pair(i), Whole: i.Request, i.Location)).ToList(),
            context.Base is null ? null : ReviewContext.Ioctls(context.Base).Select(i => (i.Name, Key: Pair(i))).ToList(),
            historyAllowed: true);
    }

    private static string Pair(IoctlModel ioctl) => $"(0x{ioctl.Type:x}, 0x{ioctl.Number:x})";

    private static void Check(ReviewContext context, List<ReviewFinding> findings, string what,
        List<(string Name, string Key, ulong Whole, SourceLocation Location)> items, List<(string Name, string Key)>? baseItems, bool historyAllowed)
    {
        var reported = new HashSet<string>(StringComparer.Ordinal);
        if (baseItems is not null)
        {
            var taken = baseItems.GroupBy(b => b.Key).ToDictionary(g => g.Key, g => g.Select(b => b.Name).ToList());
            foreach (var item in items.Where(i => context.IsNew(i.Name)))
            {
                if (!taken.TryGetValue(item.Key, out var owners))
                    continue;
                reported.Add(item.Name);
                findings.Add(new ReviewFinding(ReviewIds.RebaseCollision, item.Location.File, item.Location.Line, item.Location.Column,
                    $"{item.Name} is new, but its {what} {item.Key} is already {string.Join(" and ", owners)}'s in the base tree: " +
                    "take the next free one when rebasing"));
            }
        }
        // A group with a rebase collision in it is that collision, said once.
        foreach (var group in items.GroupBy(i => i.Key).Where(g => g.Count() > 1 && !g.Any(i => reported.Contains(i.Name))))
        {
            var first = group.First();
            foreach (var item in group.Skip(1))
            {
                if (historyAllowed && item.Whole != first.Whole && !context.IsNew(item.Name) && !context.IsNew(first.Name))
                    continue;
                findings.Add(new ReviewFinding(ReviewIds.DuplicateNumber, item.Location.File, item.Location.Line, item.Location.Column,
                    $"{item.Name} has the {what} {item.Key} of {first.Name} ({first.Location}): each needs its own"));
            }
        }
    }
}
