using System.Collections.Generic;
using KvmSharp.Analyzers.Calls;

namespace KvmSharp.Analyzers.Contracts;

/// <summary>
/// The contracts in force for one set of generated bindings: those the generator attached (the header defines
/// their names) and the user's, from <c>*.kvmcontracts</c> AdditionalFiles; a user's contract replaces a built-in
/// one for the same capability, since a patched kernel is what the user's file describes.
/// </summary>
internal sealed class ContractCatalog
{
    private readonly Dictionary<ulong, ResolvedContract> byCapability = new();

    public ContractCatalog(KvmSymbols symbols, IReadOnlyList<CapabilityContract> userContracts)
    {
        Symbols = symbols;
        var resolver = new ContractResolver(symbols);
        var problems = new List<ContractTextParser.Problem>();
        foreach (var text in symbols.ContractTexts)
        {
            foreach (var contract in ContractTextParser.Parse(text, "generated", problems))
                Add(resolver.Resolve(contract, out _));
        }
        // Names the header lacks make a user's contract not apply here: the same file serves other headers.
        foreach (var contract in userContracts)
            Add(resolver.Resolve(contract, out _));
    }

    public KvmSymbols Symbols { get; }

    public ResolvedContract? For(EnableCapCall call)
        => call.Capability.Value is { } cap && byCapability.TryGetValue(cap, out var contract) ? contract : null;

    public ResolvedContract? For(ulong capability) => byCapability.TryGetValue(capability, out var contract) ? contract : null;

    private void Add(ResolvedContract? contract)
    {
        if (contract is not null)
            byCapability[contract.CapabilityValue] = contract;
    }
}
