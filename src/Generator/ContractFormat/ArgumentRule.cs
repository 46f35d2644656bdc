using System.Collections.Generic;

namespace KvmSharp.Generator.ContractFormat;

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
