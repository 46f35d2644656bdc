using System.Collections.Generic;
using System.Linq;
using KvmSharp.Analyzers.Calls;
using KvmSharp.Generator.Emission;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace KvmSharp.Analyzers.Guards;

/// <summary>The capabilities a call needs, any one of which makes it available.</summary>
internal sealed class CapabilityRequirement
{
    private static readonly HashSet<string> Handles = new(GeneratedNames.Handles);

    private CapabilityRequirement(string what, IReadOnlyList<(string Name, ulong Value)> anyOf)
    {
        What = what;
        AnyOf = anyOf;
    }

    /// <summary>The call, for the message (<c>KVM_GET_PIT2</c>, <c>EnableCap(KVM_CAP_ARM_MTE)</c>).</summary>
    public string What { get; }

    public IReadOnlyList<(string Name, ulong Value)> AnyOf { get; }

    /// <summary>
    /// What <paramref name="invocation"/> needs: <c>EnableCap(X)</c> needs X; a typed ioctl method needs what the header's
    /// "available with" says of its ioctl, found through <c>[KvmIoctlMethod("KVM_X")]</c> on the method or, failing that,
    /// the <c>KvmIoctls</c> constant of the method's name.
    /// </summary>
    public static CapabilityRequirement? Of(IInvocationOperation invocation, KvmSymbols symbols)
    {
        var method = invocation.TargetMethod;
        if (method.Name == GeneratedNames.CheckExtensionMethod)
            return null;
        if (method.Name == GeneratedNames.EnableCapMethod)
        {
            if (KvmCallReader.EnableCap(invocation, symbols) is not { Capability.Value: { } cap })
                return null;
            var member = symbols.CapabilityMember(cap);
            var name = member is null ? null : symbols.CName(member);
            return name is null ? null : new CapabilityRequirement($"EnableCap({name})", new[] { (name, cap) });
        }
        var macro = IoctlOf(method);
        if (macro is null)
            return null;
        var caps = symbols.CapabilitiesOfIoctl(macro)
            .Select(n => (Name: n, Found: symbols.TryValue(n, out var v), Value: v))
            .Where(c => c.Found)
            .Select(c => (c.Name, c.Value))
            .ToList();
        return caps.Count == 0 ? null : new CapabilityRequirement(macro, caps);
    }

    /// <summary>The namespace of the bindings the method belongs to, when it is a typed ioctl method.</summary>
    public static INamespaceSymbol? BindingsNamespace(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (!method.IsExtensionMethod || method.Parameters.Length == 0 || !Handles.Contains(method.Parameters[0].Type.Name))
            return null;
        if (method.Name == GeneratedNames.EnableCapMethod)
            return KvmCallReader.BindingsType(invocation)?.ContainingNamespace;
        return IoctlOf(method) is null ? null : method.ContainingType.ContainingNamespace;
    }

    private static string? IoctlOf(IMethodSymbol method)
    {
        var attribute = method.GetAttributes().FirstOrDefault(a => a.AttributeClass?.Name == GeneratedNames.IoctlMethodAttribute);
        if (attribute?.ConstructorArguments.FirstOrDefault().Value is string macro)
            return macro;
        if (!method.IsExtensionMethod || !method.ContainingType.Name.EndsWith(GeneratedNames.IoctlsClassSuffix, System.StringComparison.Ordinal))
            return null;
        var ioctls = method.ContainingType.ContainingNamespace.GetTypeMembers(GeneratedNames.Ioctls).FirstOrDefault();
        var field = ioctls?.GetMembers(method.Name).OfType<IFieldSymbol>().FirstOrDefault();
        if (field is null)
            return null;
        return KvmSymbols.NativeName(field) ?? field.Name;
    }
}
