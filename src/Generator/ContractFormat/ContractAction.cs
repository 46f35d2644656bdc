using System.Collections.Generic;

namespace KvmSharp.Generator.ContractFormat;

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
