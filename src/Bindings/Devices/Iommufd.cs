namespace KvmSharp;

/// <summary>
/// An iommufd (<c>/dev/iommu</c>): IO address spaces and page tables for device pass-through. Its ioctls are generated from <c>linux/iommufd.h</c> as <c>IommufdIoctls</c>.
/// </summary>
public sealed class Iommufd : UapiFileDescriptor
{
    private Iommufd(int fd)
        : base(fd, null)
    {
    }

    /// <summary>Where the device file is: <c>/dev/iommu</c>.</summary>
    public const string DefaultPath = "/dev/iommu";

    /// <summary>Opens the device file read-write (close-on-exec).</summary>
    /// <param name="path">The device file; <see cref="DefaultPath"/> unless the system puts it elsewhere.</param>
    /// <exception cref="UapiException">The open failed (ENOENT: no such device, or its module is not loaded; EACCES: no permission).</exception>
    public static Iommufd Open(string path = DefaultPath) => new(OpenDevice(path));

    /// <summary>Takes ownership of an open fd of this kind (for generated code, and fds made elsewhere).</summary>
    /// <param name="fd">The fd; ownership passes to the returned object, which closes it.</param>
    public static Iommufd FromFileDescriptor(int fd) => new(fd);
}
