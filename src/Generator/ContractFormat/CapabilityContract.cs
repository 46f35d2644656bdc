using System.Collections.Generic;
using System.Linq;

namespace KvmSharp.Generator.ContractFormat;

/// <summary>
/// What the kernel accepts in <c>KVM_ENABLE_CAP</c> for one capability, keyed by C macro names
/// (unresolved: the same text serves every header that defines the names).
/// </summary>
internal sealed class CapabilityContract
{
    public CapabilityContract(string capability, string origin)
    {
        Capability = capability;
        Origin = origin;
    }

    /// <summary>The <c>KVM_CAP_*</c> macro name.</summary>
    public string Capability { get; }

    /// <summary>Where the contract came from (built in, or a file and line), for messages.</summary>
    public string Origin { get; }

    /// <summary>Why the rules hold: a kernel source or document reference.</summary>
    public List<string> Citations { get; } = new();

    public FlagsMeaning Flags { get; set; }

    /// <summary>Rules on args that hold whatever the action.</summary>
    public Dictionary<int, ArgumentRule> Arguments { get; } = new();

    public List<ContractAction> Actions { get; } = new();

    /// <summary>Which of args[] holds a memslot id, if any.</summary>
    public int? MemslotArgument { get; set; }

    /// <summary>Every macro name the contract uses: the capability, actions, bits, sub-flag parents, memslot flags.</summary>
    public IEnumerable<string> Names()
    {
        yield return Capability;
        foreach (var name in ArgumentNames(Arguments))
            yield return name;
        foreach (var action in Actions)
        {
            yield return action.Name;
            foreach (var name in ArgumentNames(action.Arguments))
                yield return name;
            if (action.AllMemslotsWith is { } all)
                yield return all.Bit;
            foreach (var conflict in action.MemslotConflicts)
            {
                yield return conflict.Bit;
                foreach (var flag in conflict.MemslotFlags)
                    yield return flag;
            }
        }
    }

    /// <summary>The flags whose indented sub-flags the contract takes as bits (<c>subflags-of</c>).</summary>
    public IEnumerable<string> SubFlagParents()
        => Rules().SelectMany(r => r.SubFlagsOf);

    private IEnumerable<ArgumentRule> Rules()
        => Arguments.Values.Concat(Actions.SelectMany(a => a.Arguments.Values));

    private static IEnumerable<string> ArgumentNames(Dictionary<int, ArgumentRule> rules)
        => rules.Values.SelectMany(r => r.Bits.Concat(r.SubFlagsOf).Concat(r.Requires).Concat(r.Forbids));
}
