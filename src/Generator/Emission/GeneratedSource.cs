using KvmSharp.Generator.Model;
using KvmSharp.Generator.FrontEnd.Placement;

namespace KvmSharp.Generator.Emission;

/// <summary>One generated C# file: its hint name (unique in the compilation) and text.</summary>
public sealed record GeneratedSource(string HintName, string Text);

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
    /// so that two headers' classes never meet in one <c>using</c> scope.
    /// </summary>
    public string ClassPrefix { get; init; } = "Kvm";

    /// <summary>What the docs call the header the code came from: "the KVM header", or <c>linux/vhost.h</c>.</summary>
    public string HeaderDescription { get; init; } = "the KVM header";
}
