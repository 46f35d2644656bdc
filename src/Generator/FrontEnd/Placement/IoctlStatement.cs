using KvmSharp.Generator.Model;

namespace KvmSharp.Generator.FrontEnd.Placement;

/// <summary>
/// A project's own word on where an ioctl may be issued: an <c>ioctl KVM_X on vm</c> line of a
/// <c>*.kvmcontracts</c> file. It places an ioctl the built-in facts do not know (a patched header) and
/// overrides a built-in fact.
/// </summary>
/// <param name="Name">The request macro.</param>
/// <param name="Fds">The fds it names.</param>
/// <param name="File">The contracts file, as the build gave it.</param>
/// <param name="Line">The 1-based line of the statement.</param>
public sealed record IoctlStatement(string Name, IoctlFds Fds, string File, int Line);
