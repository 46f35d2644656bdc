using System.Collections.Generic;
using System.Linq;
using KvmSharp.Generator.ContractFormat;

namespace KvmSharp.Analyzers.Contracts;

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
