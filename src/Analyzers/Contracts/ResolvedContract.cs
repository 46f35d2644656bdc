using System.Collections.Generic;
using System.Linq;
using KvmSharp.Generator.Emission.Contracts.Format;

namespace KvmSharp.Analyzers.Contracts;

/// <summary>A named bit or value, as the header defines it.</summary>
internal readonly struct NamedValue
{
    public NamedValue(string name, ulong value)
    {
        Name = name;
        Value = value;
    }

    public string Name { get; }

    public ulong Value { get; }
}

/// <summary>A <see cref="CapabilityContract"/> with every name replaced by its value in this compilation.</summary>
internal sealed class ResolvedContract
{
    public ResolvedContract(CapabilityContract source, ulong capability)
    {
        Source = source;
        CapabilityValue = capability;
    }

    public CapabilityContract Source { get; }

    public string Capability => Source.Capability;

    public ulong CapabilityValue { get; }

    public Dictionary<int, ResolvedArgument> Arguments { get; } = new();

    public List<ResolvedAction> Actions { get; } = new();

    /// <summary>The argument rule for <paramref name="index"/> under <paramref name="action"/> (null: no action).</summary>
    public ResolvedArgument? Argument(ResolvedAction? action, int index)
    {
        Arguments.TryGetValue(index, out var common);
        ResolvedArgument? own = null;
        action?.Arguments.TryGetValue(index, out own);
        if (common is null)
            return own;
        if (own is null)
            return common;
        return ResolvedArgument.Merge(common, own);
    }

    public string ActionNames => string.Join(" or ", Actions.Select(a => a.Name));
}

/// <summary>One resolved action: its flags value and rules.</summary>
internal sealed class ResolvedAction
{
    public ResolvedAction(ContractAction source, ulong value)
    {
        Source = source;
        Value = value;
    }

    public ContractAction Source { get; }

    public string Name => Source.Name;

    public ulong Value { get; }

    public Dictionary<int, ResolvedArgument> Arguments { get; } = new();

    /// <summary>The argument bit that extends the action to every memslot, when the contract names one.</summary>
    public (int Argument, ulong Bit)? AllMemslotsWith { get; set; }

    public List<(int Argument, NamedValue Bit, List<NamedValue> MemslotFlags)> MemslotConflicts { get; } = new();
}

/// <summary>One resolved argument rule.</summary>
internal sealed class ResolvedArgument
{
    public bool Reserved { get; set; }

    /// <summary>Whether the contract lists the argument's bits, so that others are undefined.</summary>
    public bool DefinesBits { get; set; }

    /// <summary>Every defined bit (listed, sub-flags, required), by name.</summary>
    public List<NamedValue> Bits { get; } = new();

    public List<NamedValue> Requires { get; } = new();

    public List<NamedValue> Forbids { get; } = new();

    public ulong DefinedMask => Bits.Aggregate(0UL, (m, b) => m | b.Value);

    public bool Defines(string name) => Bits.Any(b => b.Name == name);

    public static ResolvedArgument Merge(ResolvedArgument a, ResolvedArgument b)
    {
        var merged = new ResolvedArgument { Reserved = a.Reserved || b.Reserved, DefinesBits = a.DefinesBits || b.DefinesBits };
        merged.Bits.AddRange(a.Bits.Concat(b.Bits));
        merged.Requires.AddRange(a.Requires.Concat(b.Requires));
        merged.Forbids.AddRange(a.Forbids.Concat(b.Forbids));
        return merged;
    }
}
