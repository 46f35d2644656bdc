using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using KvmSharp.Analyzers.Contracts;
using KvmSharp.Generator.Emission;
using Microsoft.CodeAnalysis;

namespace KvmSharp.Analyzers;

/// <summary>
/// What the generated bindings of one namespace tell the analyzers, read once from the symbols: every
/// macro's value by C name (<c>KvmConstants</c>), the enums' members by C name (<c>[NativeTypeName]</c>),
/// sub-flag enums by parent (<c>[KvmSubFlagsOf]</c>), ioctls' capabilities (<c>[KvmIoctl]</c>) and the
/// capability contracts the generator attached (<c>KvmCapabilityContracts</c>).
/// </summary>
internal sealed class KvmSymbols
{
    private readonly Dictionary<string, ulong> values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IFieldSymbol> enumMembers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<NamedValue>> subFlags = new(StringComparer.Ordinal);
    private readonly Dictionary<IFieldSymbol, string> cNames = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<string, ImmutableArray<string>> ioctlCapabilities = new(StringComparer.Ordinal);

    private KvmSymbols(INamespaceSymbol ns)
    {
        Namespace = ns;
        foreach (var type in ns.GetTypeMembers())
        {
            switch (type.Name)
            {
                case GeneratedNames.Constants:
                    Constants = type;
                    ReadConstants(type);
                    break;
                case GeneratedNames.Ioctls:
                    ReadIoctls(type);
                    break;
                case GeneratedNames.CapabilityContracts:
                    GeneratedContracts = type.GetMembers().OfType<IFieldSymbol>()
                        .SelectMany(f => f.GetAttributes().Select(a => (Field: f, Attribute: a)))
                        .Where(p => p.Attribute.AttributeClass?.Name == GeneratedNames.CapabilityContractAttribute)
                        .Select(p => (p.Field, Text: p.Attribute.ConstructorArguments.FirstOrDefault().Value as string))
                        .Where(p => p.Text is not null)
                        .Select(p => new GeneratedContract(p.Text!, p.Field))
                        .ToImmutableArray();
                    break;
                case GeneratedNames.Capability when type.TypeKind == TypeKind.Enum:
                    Capabilities = type;
                    ReadEnum(type);
                    break;
                default:
                    if (type.TypeKind == TypeKind.Enum)
                        ReadEnum(type);
                    break;
            }
        }
    }

    public INamespaceSymbol Namespace { get; }

    /// <summary><c>KvmConstants</c>, or null when the bindings have none.</summary>
    public INamedTypeSymbol? Constants { get; }

    /// <summary>The <c>KVM_CAP_*</c> enum, or null.</summary>
    public INamedTypeSymbol? Capabilities { get; }

    /// <summary>The <c>KvmCapability</c> member whose value is <paramref name="value"/>, or null.</summary>
    public IFieldSymbol? CapabilityMember(ulong value)
        => Capabilities?.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => ConstantValues.ToUInt64(f.ConstantValue) == value);

    /// <summary>The contract texts the generator emitted for this header, with the field that carries each.</summary>
    public ImmutableArray<GeneratedContract> GeneratedContracts { get; } = ImmutableArray<GeneratedContract>.Empty;

    /// <summary>The symbols of the namespace <paramref name="anyGeneratedType"/> is in.</summary>
    public static KvmSymbols For(ITypeSymbol anyGeneratedType) => new(anyGeneratedType.ContainingNamespace);

    /// <summary>The symbols of the bindings in <paramref name="ns"/>.</summary>
    public static KvmSymbols For(INamespaceSymbol ns) => new(ns);

    public bool TryValue(string cName, out ulong value) => values.TryGetValue(cName, out value);

    /// <summary>The members of the enum the header indents under <paramref name="parent"/>, or null.</summary>
    public IReadOnlyList<NamedValue>? SubFlags(string parent) => subFlags.TryGetValue(parent, out var list) ? list : null;

    /// <summary>The C name a constant field stands for (a <c>KvmConstants</c> field or an enum member), or null.</summary>
    public string? CName(IFieldSymbol field)
    {
        if (cNames.TryGetValue(field.OriginalDefinition, out var name))
            return name;
        return SymbolEqualityComparer.Default.Equals(field.ContainingType, Constants) ? field.Name : null;
    }

    /// <summary>The enum member that stands for <paramref name="cName"/>, or null.</summary>
    public IFieldSymbol? EnumMember(string cName) => enumMembers.TryGetValue(cName, out var f) ? f : null;

    /// <summary>The capabilities the header says the ioctl <paramref name="macro"/> needs.</summary>
    public ImmutableArray<string> CapabilitiesOfIoctl(string macro)
        => ioctlCapabilities.TryGetValue(macro, out var caps) ? caps : ImmutableArray<string>.Empty;

    /// <summary>C# that names <paramref name="cName"/>: an enum member when the header made one, else <c>KvmConstants.X</c>.</summary>
    public string Expression(string cName, INamedTypeSymbol? preferredEnum = null)
    {
        if (preferredEnum is not null && EnumMember(cName) is { } member && SymbolEqualityComparer.Default.Equals(member.ContainingType, preferredEnum))
            return Qualified(member.ContainingType) + "." + member.Name;
        return Qualified(Constants) + "." + cName;
    }

    private string Qualified(INamedTypeSymbol? type)
        => type?.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) ?? GeneratedNames.Constants;

    private void ReadConstants(INamedTypeSymbol type)
    {
        foreach (var field in type.GetMembers().OfType<IFieldSymbol>())
        {
            if (field.HasConstantValue && ConstantValues.ToUInt64(field.ConstantValue) is { } value)
                values[field.Name] = value;
        }
    }

    private void ReadEnum(INamedTypeSymbol type)
    {
        var parent = type.GetAttributes().FirstOrDefault(a => a.AttributeClass?.Name == GeneratedNames.SubFlagsOfAttribute)
            ?.ConstructorArguments.FirstOrDefault().Value as string;
        foreach (var field in type.GetMembers().OfType<IFieldSymbol>())
        {
            if (NativeName(field) is not { } cName || ConstantValues.ToUInt64(field.ConstantValue) is not { } value)
                continue;
            cNames[field] = cName;
            // A sub-flag enum is the better spelling of a flag than a family enum that also holds it.
            if (parent is not null || !enumMembers.ContainsKey(cName))
                enumMembers[cName] = field;
            if (!values.ContainsKey(cName))
                values[cName] = value;
            if (parent is not null)
            {
                if (!subFlags.TryGetValue(parent, out var list))
                    subFlags[parent] = list = new List<NamedValue>();
                list.Add(new NamedValue(cName, value));
            }
        }
    }

    private void ReadIoctls(INamedTypeSymbol type)
    {
        foreach (var field in type.GetMembers().OfType<IFieldSymbol>())
        {
            var macro = NativeName(field) ?? field.Name;
            var attribute = field.GetAttributes().FirstOrDefault(a => a.AttributeClass?.Name == GeneratedNames.IoctlAttribute);
            var caps = attribute?.NamedArguments.FirstOrDefault(n => n.Key == GeneratedNames.IoctlAttributeRequiredCapabilities).Value;
            if (caps is { Kind: TypedConstantKind.Array } array && !array.IsNull)
                ioctlCapabilities[macro] = array.Values.Select(v => v.Value as string).Where(s => s is not null).Select(s => s!).ToImmutableArray();
        }
    }

    /// <summary>The C name <c>[NativeTypeName]</c> records on a generated symbol, or null.</summary>
    public static string? NativeName(ISymbol symbol)
        => symbol.GetAttributes().FirstOrDefault(a => a.AttributeClass?.Name == GeneratedNames.NativeTypeNameAttribute)
            ?.ConstructorArguments.FirstOrDefault().Value as string;
}
