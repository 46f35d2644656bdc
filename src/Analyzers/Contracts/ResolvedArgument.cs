using System.Collections.Generic;
using System.Linq;

namespace KvmSharp.Analyzers.Contracts;

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
