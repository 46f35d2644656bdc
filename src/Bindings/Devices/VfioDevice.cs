namespace KvmSharp;

/// <summary>
/// A VFIO device fd (from <c>VFIO_GROUP_GET_DEVICE_FD</c>, or a cdev under <c>/dev/vfio/devices</c>). Its ioctls are generated from <c>linux/vfio.h</c> as <c>VfioDeviceIoctls</c>.
/// </summary>
public sealed class VfioDevice : UapiFileDescriptor
{
    private VfioDevice(int fd)
        : base(fd, null)
    {
    }

    /// <summary>Takes ownership of an open fd of this kind (for generated code, and fds made elsewhere).</summary>
    /// <param name="fd">The fd; ownership passes to the returned object, which closes it.</param>
    public static VfioDevice FromFileDescriptor(int fd) => new(fd);
}
