using KvmSharp.Generator.Model;

namespace KvmSharp.Cli.ApiRst;

/// <summary>One <c>:Type:</c> line of an api.rst section, with the <c>:Architectures:</c> line that goes with it.</summary>
/// <param name="TypeText">The text after <c>:Type:</c>.</param>
/// <param name="Fds">The fds it names.</param>
/// <param name="ArchitecturesText">The text after the nearest <c>:Architectures:</c> before it (or after it, when none is before), or null.</param>
/// <param name="Arches">The KvmSharp targets that text names (all five for <c>all</c>, none for <c>none</c> or mips-only).</param>
public sealed record ApiRstUsage(string TypeText, IoctlFds Fds, string? ArchitecturesText, IReadOnlySet<string> Arches);

/// <summary>One <c>4.N</c> section of api.rst: the ioctls its heading names and what its field lines say.</summary>
/// <param name="Number">The section number (<c>4.37</c>).</param>
/// <param name="Heading">The heading text after the number.</param>
/// <param name="Names">The ioctls the heading names, expanded (<c>KVM_(UN)REGISTER_X</c> is two).</param>
/// <param name="Usages">Its <c>:Type:</c> lines; KVM_ENABLE_CAP has two, one per fd.</param>
/// <param name="Deprecated">Whether the heading says <c>(deprecated)</c> or the text says the ioctl itself is deprecated or obsolete.</param>
/// <param name="Removed">Whether the text says the ioctl "has been removed" (KVM_SET_MEMORY_REGION in 5.10).</param>
/// <param name="Line">The heading's line in the file, for messages.</param>
public sealed record ApiRstSection(
    string Number,
    string Heading,
    IReadOnlyList<string> Names,
    IReadOnlyList<ApiRstUsage> Usages,
    bool Deprecated,
    bool Removed,
    int Line)
{
    /// <summary>Every fd any <c>:Type:</c> line names.</summary>
    public IoctlFds Fds => Usages.Aggregate(IoctlFds.None, (all, u) => all | u.Fds);

    /// <summary>Every target any <c>:Architectures:</c> line names; null when the section has none (4.81 KVM_HAS_DEVICE_ATTR).</summary>
    public IReadOnlySet<string>? Arches => Usages.All(u => u.ArchitecturesText is null)
        ? null
        : Usages.SelectMany(u => u.Arches).ToHashSet(StringComparer.Ordinal);
}
