using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace KvmSharp.Analyzers.Calls;

/// <summary>A <c>KVM_ENABLE_CAP</c> call, however it was written: <c>EnableCap(cap, flags, arg0..arg3)</c> or <c>EnableCap(in c)</c>.</summary>
internal sealed class EnableCapCall
{
    public EnableCapCall(IInvocationOperation invocation, Operand capability, Operand flags, Operand[] args)
    {
        Invocation = invocation;
        Capability = capability;
        Flags = flags;
        Args = args;
    }

    public IInvocationOperation Invocation { get; }

    public Operand Capability { get; }

    public Operand Flags { get; }

    /// <summary><c>args[0..3]</c>.</summary>
    public Operand[] Args { get; }
}
