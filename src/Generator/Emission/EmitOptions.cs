using KvmSharp.Generator.Model;
using KvmSharp.Generator.FrontEnd.Placement;

namespace KvmSharp.Generator.Emission;

/// <summary>What the emitted code looks like beyond the header: its namespace, and public or internal types.</summary>
/// <param name="Namespace">The namespace of every generated type (<c>KvmSharp</c> by default).</param>
/// <param name="Public">Whether generated types are public; internal by default, as CsWin32 does.</param>
/// <param name="RuntimeReferenced">
/// Whether the compilation references KvmSharp's runtime (<c>KvmSharp.KvmFileDescriptor</c> exists): only then are
/// the typed ioctl methods on <c>KvmSystem</c>, <c>KvmVm</c>, <c>KvmVcpu</c> and <c>KvmDevice</c> emitted.
/// </param>
/// <param name="StatedIoctls">The project's <c>ioctl KVM_X on FD</c> statements (<c>*.kvmcontracts</c>), which place ioctls before the built-in facts.</param>
public sealed record EmitOptions(string Namespace = "KvmSharp", bool Public = false, bool RuntimeReferenced = false,
    EquatableArray<IoctlStatement> StatedIoctls = default)
{
    /// <summary>The accessibility keyword of generated types.</summary>
    public string Accessibility => Public ? "public" : "internal";

    /// <summary>
    /// The first word of the classes that hold the constants and ioctls (<c>KvmConstants</c>, <c>KvmEnumerators</c>,
    /// <c>KvmIoctls</c>): <c>Kvm</c> for the KVM header, the header's name for a chosen uAPI header (<c>VhostIoctls</c>),
    /// so that two headers' classes never meet in one <c>using</c> scope. Null means the KVM header's names, the ones
    /// the analyzers look for (<see cref="GeneratedNames"/>).
    /// </summary>
    public string? ClassPrefix { get; init; }

    /// <summary>What the docs call the header the code came from: "the KVM header", or <c>linux/vhost.h</c>.</summary>
    public string HeaderDescription { get; init; } = "the KVM header";

    /// <summary>The class of the constants: <see cref="GeneratedNames.Constants"/> for the KVM header.</summary>
    public string ConstantsClass => ClassPrefix is null ? GeneratedNames.Constants : ClassPrefix + "Constants";

    /// <summary>The class of the enumerators: <see cref="GeneratedNames.Enumerators"/> for the KVM header.</summary>
    public string EnumeratorsClass => ClassPrefix is null ? GeneratedNames.Enumerators : ClassPrefix + "Enumerators";

    /// <summary>The class of the ioctl requests: <see cref="GeneratedNames.Ioctls"/> for the KVM header.</summary>
    public string IoctlsClass => ClassPrefix is null ? GeneratedNames.Ioctls : ClassPrefix + GeneratedNames.IoctlsClassSuffix;
}
