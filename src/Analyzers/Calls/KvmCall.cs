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

/// <summary>A <c>KVM_SET_USER_MEMORY_REGION</c> call: the memslot it sets, with which flags and size.</summary>
internal sealed class MemoryRegionCall
{
    public MemoryRegionCall(IInvocationOperation invocation, Operand slot, Operand flags, Operand memorySize)
    {
        Invocation = invocation;
        Slot = slot;
        Flags = flags;
        MemorySize = memorySize;
    }

    public IInvocationOperation Invocation { get; }

    public Operand Slot { get; }

    public Operand Flags { get; }

    /// <summary>0 deletes the memslot.</summary>
    public Operand MemorySize { get; }

    public Location Location => Invocation.Syntax.GetLocation();
}
