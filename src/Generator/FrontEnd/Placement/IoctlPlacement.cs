using KvmSharp.Generator.Facts;
using KvmSharp.Generator.Model;

namespace KvmSharp.Generator.FrontEnd.Placement;

/// <summary>Where an ioctl of the header gets its typed methods, and whether they can work on the target.</summary>
/// <param name="Name">The request macro.</param>
/// <param name="Fds">The fds the kernel takes it on; none when nothing places it.</param>
/// <param name="Origin">Where <paramref name="Fds"/> comes from.</param>
/// <param name="Status">Current, deprecated or removed, from the facts.</param>
/// <param name="StatusReason">The facts' reason for a deprecated or removed ioctl.</param>
/// <param name="HandledOnTarget">False when the facts say no architecture of the target handles it.</param>
public sealed record IoctlPlacement(
    string Name,
    IoctlFds Fds,
    PlacementOrigin Origin,
    IoctlStatus Status,
    string? StatusReason,
    bool HandledOnTarget)
{
    /// <summary>The fds it gets a typed method on: none when no architecture of the target handles it.</summary>
    public IoctlFds MethodFds => HandledOnTarget ? Fds : IoctlFds.None;

    /// <summary>The <c>[Obsolete]</c> message of its methods, or null when it is current.</summary>
    public string? ObsoleteMessage => Status switch
    {
        IoctlStatus.Deprecated => $"{Name} is deprecated: {StatusReason}",
        IoctlStatus.Removed => $"{Name} is no longer handled by the kernel: {StatusReason}",
        _ => null,
    };
}
