using System.Linq;
using KvmSharp.Generator.Emission;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace KvmSharp.Analyzers.Calls;

/// <summary>
/// Recognises the typed ioctl methods by shape, not by the class that holds them, so that the generated
/// wrappers (<c>KvmVmIoctls.EnableCap</c>) and any equivalent helper a project writes are read the same way.
/// </summary>
internal static class KvmCallReader
{
    /// <summary>The namespace-defining type of the call's bindings (<c>KvmCapability</c> or <c>KvmEnableCap</c>), or null.</summary>
    public static ITypeSymbol? BindingsType(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (IsEnableCap(method))
        {
            var type = method.Parameters[1].Type;
            return type.Name is GeneratedNames.Capability or GeneratedNames.EnableCapRecord ? type : null;
        }
        if (IsSetUserMemoryRegion(method))
        {
            var type = method.Parameters[1].Type;
            // The GuestMemory form has only runtime types: the wrappers' class is in the bindings' namespace.
            return type.Name == GeneratedNames.UserspaceMemoryRegionRecord ? type
                : IsGuestMemoryForm(method) ? method.ContainingType : null;
        }
        return null;
    }

    public static EnableCapCall? EnableCap(IInvocationOperation invocation, KvmSymbols symbols)
    {
        var method = invocation.TargetMethod;
        if (!IsEnableCap(method))
            return null;
        var second = method.Parameters[1];
        if (second.Type.Name == GeneratedNames.EnableCapRecord)
        {
            var fields = StructFieldTracker.At(Argument(invocation, 1)!, symbols);
            return new EnableCapCall(invocation, fields["Cap"], fields["Flags"],
                Enumerable.Range(0, 4).Select(i => fields[$"Args[{i}]"]).ToArray());
        }
        if (second.Type.Name != GeneratedNames.Capability || method.Parameters.Length != 7)
            return null;
        return new EnableCapCall(invocation, Value(invocation, 1, symbols), Value(invocation, 2, symbols),
            Enumerable.Range(0, 4).Select(i => Value(invocation, 3 + i, symbols)).ToArray());
    }

    public static MemoryRegionCall? MemoryRegion(IInvocationOperation invocation, KvmSymbols symbols)
    {
        var method = invocation.TargetMethod;
        if (!IsSetUserMemoryRegion(method))
            return null;
        if (method.Parameters[1].Type.Name == GeneratedNames.UserspaceMemoryRegionRecord)
        {
            var fields = StructFieldTracker.At(Argument(invocation, 1)!, symbols);
            return new MemoryRegionCall(invocation, fields["Slot"], fields["Flags"], fields["MemorySize"]);
        }
        // (vm, slot, guestPhysAddr, GuestMemory memory, flags): the size is the mapping's, never 0.
        if (IsGuestMemoryForm(method))
        {
            var location = invocation.Syntax.GetLocation();
            return new MemoryRegionCall(invocation, Value(invocation, 1, symbols), Value(invocation, 4, symbols), Operand.Unknown(location));
        }
        return null;
    }

    /// <summary>The value passed for parameter <paramref name="ordinal"/> (the receiver is 0).</summary>
    private static Operand Value(IInvocationOperation invocation, int ordinal, KvmSymbols symbols)
    {
        var argument = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == ordinal);
        var location = invocation.Syntax.GetLocation();
        if (argument is null)
            return Operand.Unknown(location);
        if (argument.ArgumentKind == ArgumentKind.DefaultValue)
        {
            // EnableCap's typed form defaults its KvmEnableCapValue parameters to `default`: zero, as the numeric form's 0.
            var value = argument.Value.ConstantValue.HasValue ? ConstantValues.ToUInt64(argument.Value.ConstantValue.Value)
                : argument.Parameter?.Type.Name == GeneratedNames.EnableCapValue ? 0UL : null;
            return value is { } v ? Operand.Implicit(v, location, argument.Parameter!.Name) : Operand.Unknown(location);
        }
        return Operand.Of(argument.Value, symbols);
    }

    private static IArgumentOperation? Argument(IInvocationOperation invocation, int ordinal)
        => invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == ordinal);

    // KVM_ENABLE_CAP is a VM and a vCPU ioctl; the method takes the handle and then the capability or the struct.
    private static bool IsEnableCap(IMethodSymbol method)
        => method.Name == GeneratedNames.EnableCapMethod && Receiver(method) is GeneratedNames.VmHandle or GeneratedNames.VcpuHandle && method.Parameters.Length >= 2;

    private static bool IsSetUserMemoryRegion(IMethodSymbol method)
        => method.Name == GeneratedNames.SetUserMemoryRegionMethod && Receiver(method) == GeneratedNames.VmHandle && method.Parameters.Length >= 2;

    // (vm, slot, guestPhysAddr, GuestMemory memory, flags)
    private static bool IsGuestMemoryForm(IMethodSymbol method)
        => method.Parameters.Length == 5 && method.Parameters[3].Type.Name == GeneratedNames.GuestMemory;

    /// <summary>The receiver type's name of an extension method (<c>KvmVm</c>), or of an instance method's type.</summary>
    private static string? Receiver(IMethodSymbol method)
        => method.IsExtensionMethod && method.Parameters.Length > 0 ? method.Parameters[0].Type.Name : null;

    /// <summary>The name the method's parameter for <c>args[i]</c> has, for a fix that adds it.</summary>
    public static string ArgumentName(int index) => GeneratedNames.EnableCapArgument(index);
}
