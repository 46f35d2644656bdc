using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace KvmSharp.Analyzers.Calls;

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
