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
}
