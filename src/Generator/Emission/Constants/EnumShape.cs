using KvmSharp.Generator.Model;

namespace KvmSharp.Generator.Emission.Constants;

/// <summary>A C# enum to write, whatever it came from (a constant family, a flag's sub-flags, a C enum).</summary>
/// <param name="Name">The C# type name.</param>
/// <param name="Underlying">The C type of every member; its C# type is the enum's underlying type.</param>
/// <param name="IsFlags">Whether to mark it <c>[Flags]</c>.</param>
/// <param name="Summary">The doc summary, already XML (escaped prose, <c>&lt;c&gt;</c> for code).</param>
/// <param name="NativeTypeName">The C type it stands for (<c>enum kvm_device_type</c>), when there is one.</param>
/// <param name="FamilyPrefix">The macro prefix of a constant family (<c>KVM_CAP_</c>).</param>
/// <param name="SubFlagsOf">The macro name of the flag the members are indented under.</param>
/// <param name="HeldBy">The struct member typed by this enum, as a C expression, when the header defines the family right above it.</param>
internal sealed record EnumShape(
    string Name,
    CIntegerKind Underlying,
    bool IsFlags,
    string Summary,
    string? NativeTypeName,
    string? FamilyPrefix,
    string? SubFlagsOf,
    IReadOnlyList<EnumShapeMember> Members,
    string? HeldBy = null);

/// <summary>One member: its C# name, value (two's complement), C name and the header's comment on it.</summary>
internal sealed record EnumShapeMember(string Name, ulong Value, string NativeName, string? Comment);
