namespace KvmSharp;

/// <summary>
/// A VFIO container (<c>/dev/vfio/vfio</c>): the IOMMU context VFIO groups are attached to. Its ioctls are generated from <c>linux/vfio.h</c> as <c>VfioContainerIoctls</c>.
/// </summary>
public sealed class VfioContainer : UapiFileDescriptor
{
    private VfioContainer(int fd)
        : base(fd, null)
    {
    }

    /// <summary>Where the device file is: <c>/dev/vfio/vfio</c>.</summary>
    public const string DefaultPath = "/dev/vfio/vfio";

    /// <summary>Opens the device file read-write (close-on-exec).</summary>
    /// <param name="path">The device file; <see cref="DefaultPath"/> unless the system puts it elsewhere.</param>
    /// <exception cref="UapiException">The open failed (ENOENT: no such device, or its module is not loaded; EACCES: no permission).</exception>
    public static VfioContainer Open(string path = DefaultPath) => new(OpenDevice(path));

    /// <summary>Takes ownership of an open fd of this kind (for generated code, and fds made elsewhere).</summary>
    /// <param name="fd">The fd; ownership passes to the returned object, which closes it.</param>
    public static VfioContainer FromFileDescriptor(int fd) => new(fd);
}
