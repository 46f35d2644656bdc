using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace KvmSharp.Analyzers.Calls;

/// <summary>
/// Recognises the typed ioctl methods by shape, not by the class that holds them, so that the generated
/// wrappers (<c>KvmVmIoctls.EnableCap</c>) and any equivalent helper a project writes are read the same way.
/// </summary>
internal static class KvmCallReader
{
    private static readonly string[] ArgumentNames = { "arg0", "arg1", "arg2", "arg3" };

    /// <summary>The namespace-defining type of the call's bindings (<c>KvmCapability</c> or <c>KvmEnableCap</c>), or null.</summary>
    public static ITypeSymbol? BindingsType(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (method.Name == "EnableCap" && Receiver(method) is "KvmVm" or "KvmVcpu" && method.Parameters.Length >= 2)
        {
            var type = method.Parameters[1].Type;
            return type.Name is "KvmCapability" or "KvmEnableCap" ? type : null;
        }
        if (method.Name == "SetUserMemoryRegion" && Receiver(method) == "KvmVm" && method.Parameters.Length >= 2)
        {
            var type = method.Parameters[1].Type;
            // The GuestMemory form has only runtime types: the wrappers' class is in the bindings' namespace.
            return type.Name == "KvmUserspaceMemoryRegion" ? type
                : method.Parameters.Length == 5 && method.Parameters[3].Type.Name == "GuestMemory" ? method.ContainingType : null;
        }
        return null;
    }

    public static EnableCapCall? EnableCap(IInvocationOperation invocation, KvmSymbols symbols)
    {
        var method = invocation.TargetMethod;
        if (method.Name != "EnableCap" || Receiver(method) is not ("KvmVm" or "KvmVcpu") || method.Parameters.Length < 2)
            return null;
        var second = method.Parameters[1];
        if (second.Type.Name == "KvmEnableCap")
        {
            var fields = StructFieldTracker.At(Argument(invocation, 1)!, symbols);
            return new EnableCapCall(invocation, fields["Cap"], fields["Flags"],
                Enumerable.Range(0, 4).Select(i => fields[$"Args[{i}]"]).ToArray());
        }
        if (second.Type.Name != "KvmCapability" || method.Parameters.Length != 7)
            return null;
        return new EnableCapCall(invocation, Value(invocation, 1, symbols), Value(invocation, 2, symbols),
            Enumerable.Range(0, 4).Select(i => Value(invocation, 3 + i, symbols)).ToArray());
    }

    public static MemoryRegionCall? MemoryRegion(IInvocationOperation invocation, KvmSymbols symbols)
    {
        var method = invocation.TargetMethod;
        if (method.Name != "SetUserMemoryRegion" || Receiver(method) != "KvmVm" || method.Parameters.Length < 2)
            return null;
        if (method.Parameters[1].Type.Name == "KvmUserspaceMemoryRegion")
        {
            var fields = StructFieldTracker.At(Argument(invocation, 1)!, symbols);
            return new MemoryRegionCall(invocation, fields["Slot"], fields["Flags"], fields["MemorySize"]);
        }
        // (vm, slot, guestPhysAddr, GuestMemory memory, flags): the size is the mapping's, never 0.
        if (method.Parameters.Length == 5 && method.Parameters[3].Type.Name == "GuestMemory")
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
                : argument.Parameter?.Type.Name == "KvmEnableCapValue" ? 0UL : null;
            return value is { } v ? Operand.Implicit(v, location, argument.Parameter!.Name) : Operand.Unknown(location);
        }
        return Operand.Of(argument.Value, symbols);
    }

    private static IArgumentOperation? Argument(IInvocationOperation invocation, int ordinal)
        => invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == ordinal);

    /// <summary>The receiver type's name of an extension method (<c>KvmVm</c>), or of an instance method's type.</summary>
    private static string? Receiver(IMethodSymbol method)
        => method.IsExtensionMethod && method.Parameters.Length > 0 ? method.Parameters[0].Type.Name : null;

    /// <summary>The name the method's parameter for <c>args[i]</c> has, for a fix that adds it.</summary>
    public static string ArgumentName(int index) => ArgumentNames[index];
}
