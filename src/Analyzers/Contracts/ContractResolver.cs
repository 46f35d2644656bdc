using System.Collections.Generic;
using KvmSharp.Generator.ContractFormat;

namespace KvmSharp.Analyzers.Contracts;

/// <summary>
/// Turns contract names into this compilation's values. A contract one of whose names the header does not
/// define does not apply (an unpatched header has no <c>KVM_CAP_ARM_LOCK_USER_MEMORY_REGION</c>): it is dropped,
/// with the missing name for the caller to report when the contract came from the user.
/// </summary>
internal sealed class ContractResolver
{
    private readonly KvmSymbols symbols;
    private string? missing;

    public ContractResolver(KvmSymbols symbols) => this.symbols = symbols;

    /// <summary>The resolved contract, or null with <paramref name="missingName"/> set.</summary>
    public ResolvedContract? Resolve(CapabilityContract contract, out string? missingName)
    {
        missing = null;
        var resolved = new ResolvedContract(contract, Value(contract.Capability));
        Arguments(contract.Arguments, resolved.Arguments);
        foreach (var action in contract.Actions)
        {
            var ra = new ResolvedAction(action, Value(action.Name));
            Arguments(action.Arguments, ra.Arguments);
            if (action.AllMemslotsWith is { } all)
                ra.AllMemslotsWith = (all.Argument, Value(all.Bit));
            foreach (var conflict in action.MemslotConflicts)
            {
                var flags = new List<NamedValue>();
                foreach (var flag in conflict.MemslotFlags)
                    flags.Add(Named(flag));
                ra.MemslotConflicts.Add((conflict.Argument, Named(conflict.Bit), flags));
            }
            resolved.Actions.Add(ra);
        }
        missingName = missing;
        return missing is null ? resolved : null;
    }

    private void Arguments(Dictionary<int, ArgumentRule> rules, Dictionary<int, ResolvedArgument> into)
    {
        foreach (var pair in rules)
        {
            var rule = pair.Value;
            var arg = new ResolvedArgument { Reserved = rule.Reserved };
            foreach (var bit in rule.Bits)
                arg.Bits.Add(Named(bit));
            foreach (var parent in rule.SubFlagsOf)
            {
                if (symbols.SubFlags(parent) is { } children)
                    arg.Bits.AddRange(children);
                else
                    missing ??= "sub-flags of " + parent;
            }
            foreach (var bit in rule.Requires)
                arg.Requires.Add(Named(bit));
            foreach (var bit in rule.Forbids)
                arg.Forbids.Add(Named(bit));
            foreach (var bit in arg.Requires)
            {
                if (!arg.Defines(bit.Name))
                    arg.Bits.Add(bit);
            }
            arg.DefinesBits = rule.Bits.Count + rule.SubFlagsOf.Count > 0;
            into[pair.Key] = arg;
        }
    }

    private NamedValue Named(string name) => new(name, Value(name));

    private ulong Value(string name)
    {
        if (symbols.TryValue(name, out var value))
            return value;
        missing ??= name;
        return 0;
    }
}
