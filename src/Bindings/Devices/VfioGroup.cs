namespace KvmSharp;

/// <summary>
/// A VFIO group (<c>/dev/vfio/N</c>, N the IOMMU group): it hands out its devices' fds. Its ioctls are generated from <c>linux/vfio.h</c> as <c>VfioGroupIoctls</c>.
/// </summary>
public sealed class VfioGroup : UapiFileDescriptor
{
    private VfioGroup(int fd)
        : base(fd, null)
    {
    }

    /// <summary>Opens the group file of IOMMU group <paramref name="group"/>, <c>/dev/vfio/N</c>, read-write (close-on-exec).</summary>
    /// <param name="group">The IOMMU group's number (the name of <c>/sys/bus/pci/devices/ADDRESS/iommu_group</c>'s target).</param>
    /// <exception cref="UapiException">The open failed (ENOENT: no such group, or vfio is not loaded; EBUSY: the group is in use).</exception>
    public static VfioGroup Open(int group) => new(OpenDevice("/dev/vfio/" + group.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>Takes ownership of an open fd of this kind (for generated code, and fds made elsewhere).</summary>
    /// <param name="fd">The fd; ownership passes to the returned object, which closes it.</param>
    public static VfioGroup FromFileDescriptor(int fd) => new(fd);
}
