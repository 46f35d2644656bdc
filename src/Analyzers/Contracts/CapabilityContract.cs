using System.Collections.Generic;

namespace KvmSharp.Analyzers.Contracts;

/// <summary>What <c>kvm_enable_cap.flags</c> means for a capability.</summary>
internal enum FlagsMeaning
{
    /// <summary>The contract says nothing about flags.</summary>
    Unspecified,

    /// <summary>The capability defines no flags; the kernel rejects nonzero ones.</summary>
    None,

    /// <summary>flags selects an action: exactly one of the contract's actions.</summary>
    Actions,
}

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
}

/// <summary>One value of <c>flags</c> of a capability whose flags select an action.</summary>
internal sealed class ContractAction
{
    public ContractAction(string name) => Name = name;

    /// <summary>The macro name of the action's flags value.</summary>
    public string Name { get; }

    public Dictionary<int, ArgumentRule> Arguments { get; } = new();

    /// <summary>The action pins the memslot named by the memslot argument.</summary>
    public bool LocksMemslot { get; set; }

    /// <summary>The action unpins the memslot named by the memslot argument.</summary>
    public bool UnlocksMemslot { get; set; }

    /// <summary>An argument bit that makes the action apply to every memslot.</summary>
    public (int Argument, string Bit)? AllMemslotsWith { get; set; }

    /// <summary>Argument bits the kernel refuses for a memslot registered with some memslot flags.</summary>
    public List<MemslotConflict> MemslotConflicts { get; } = new();
}

/// <summary>What one <c>args[i]</c> may hold.</summary>
internal sealed class ArgumentRule
{
    /// <summary>Must be 0.</summary>
    public bool Reserved { get; set; }

    /// <summary>Bits defined for the argument, by macro name.</summary>
    public List<string> Bits { get; } = new();

    /// <summary>Parents whose indented sub-flags are bits of the argument (<c>KvmSubFlagsOf</c>).</summary>
    public List<string> SubFlagsOf { get; } = new();

    /// <summary>Bits that must be set.</summary>
    public List<string> Requires { get; } = new();

    /// <summary>Bits that must not be set.</summary>
    public List<string> Forbids { get; } = new();
}

/// <summary><c>Bit</c> in <c>args[Argument]</c> is refused (EPERM) for a memslot registered with any of <c>MemslotFlags</c>.</summary>
internal sealed class MemslotConflict
{
    public MemslotConflict(int argument, string bit, IReadOnlyList<string> memslotFlags)
    {
        Argument = argument;
        Bit = bit;
        MemslotFlags = memslotFlags;
    }

    public int Argument { get; }

    public string Bit { get; }

    public IReadOnlyList<string> MemslotFlags { get; }
}
