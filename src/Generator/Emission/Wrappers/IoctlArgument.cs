using KvmSharp.Generator.Emission.Records;
using KvmSharp.Generator.Model;

namespace KvmSharp.Generator.Emission.Wrappers;

/// <summary>The C# side of an ioctl's argument type.</summary>
/// <param name="Kind">How it is passed.</param>
/// <param name="Type">The C# type, fully qualified (<c>nint</c> for <see cref="ArgumentKind.Address"/>).</param>
/// <param name="Name">The parameter name: the struct's name without <c>Kvm</c>, camelCased (<c>regs</c>), or <c>value</c>.</param>
/// <param name="Spelling">The C type as the header wrote it, for <c>[NativeTypeName]</c>.</param>
/// <param name="Flexible">The struct's flexible array, if it ends in one.</param>
internal sealed record IoctlArgument(ArgumentKind Kind, string Type, string Name, string Spelling, FlexibleArgument? Flexible)
{
    /// <summary>The argument of <paramref name="ioctl"/>, or null for an <c>_IO</c> ioctl.</summary>
    public static IoctlArgument? Of(IoctlModel ioctl, IoctlWrapperContext context, string receiver)
    {
        if (IoctlWrapperQuirks.Direction(ioctl) == IoctlDirection.None || ioctl.Argument is not { } type)
            return null;
        if (IoctlWrapperQuirks.IsOpaque(ioctl))
            return new IoctlArgument(ArgumentKind.Address, "nint", "argument", type.Spelling, null);
        if (type.Category == TypeCategory.Record && context.Record(type.RecordKey) is { } plan)
        {
            var name = ParameterName(plan.TypeName, receiver);
            return new IoctlArgument(ArgumentKind.Record, plan.FullName, name, type.Spelling, FlexibleOf(plan));
        }
        if (IoctlWrapperContext.Scalar(type) is { } scalar)
            return new IoctlArgument(ArgumentKind.Integer, scalar, "value", type.Spelling, null);
        return new IoctlArgument(ArgumentKind.Address, "nint", "argument", type.Spelling, null);
    }

    // The first flexible array a struct exposes, its own or one reached through an anonymous member (kvm_msrs
    // declares entries[] in an anonymous struct): forwarders carry the offset from the start of the record.
    private static FlexibleArgument? FlexibleOf(RecordPlan plan)
        => plan.Members.FirstOrDefault(m => m.Kind == MemberKind.Flexible) is { } member
            ? new FlexibleArgument(member.Type, member.Offset, member.CName ?? member.Name)
            : null;

    // "KvmUserspaceMemoryRegion" -> "userspaceMemoryRegion"; never the receiver's name (a struct kvm_vcpu).
    private static string ParameterName(string typeName, string receiver)
    {
        var bare = typeName.StartsWith("Kvm", StringComparison.Ordinal) && typeName.Length > 3 ? typeName.Substring(3) : typeName;
        var name = char.ToLowerInvariant(bare[0]) + bare.Substring(1);
        if (name == receiver || name.StartsWith("_", StringComparison.Ordinal))
            name = "argument";
        return CSharpNames.Identifier(name);
    }
}
