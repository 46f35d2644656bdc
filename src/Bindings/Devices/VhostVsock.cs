namespace KvmSharp;

/// <summary>
/// The vhost-vsock device (<c>/dev/vhost-vsock</c>): a virtio-vsock data plane in the kernel. Its ioctls are generated from <c>linux/vhost.h</c> as <c>VhostVsockIoctls</c>.
/// </summary>
public sealed class VhostVsock : UapiFileDescriptor
{
    private VhostVsock(int fd)
        : base(fd, null)
    {
    }

    /// <summary>Where the device file is: <c>/dev/vhost-vsock</c>.</summary>
    public const string DefaultPath = "/dev/vhost-vsock";

    /// <summary>Opens the device file read-write (close-on-exec).</summary>
    /// <param name="path">The device file; <see cref="DefaultPath"/> unless the system puts it elsewhere.</param>
    /// <exception cref="UapiException">The open failed (ENOENT: no such device, or its module is not loaded; EACCES: no permission).</exception>
    public static VhostVsock Open(string path = DefaultPath) => new(OpenDevice(path));

    /// <summary>Takes ownership of an open fd of this kind (for generated code, and fds made elsewhere).</summary>
    /// <param name="fd">The fd; ownership passes to the returned object, which closes it.</param>
    public static VhostVsock FromFileDescriptor(int fd) => new(fd);
}
