using System.Collections.Generic;
using KvmSharp.Generator.ContractFormat;

namespace KvmSharp.Analyzers.Contracts;

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
