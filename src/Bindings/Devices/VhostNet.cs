namespace KvmSharp;

/// <summary>
/// The vhost-net device (<c>/dev/vhost-net</c>): a virtio-net data plane in the kernel. Its ioctls are generated from <c>linux/vhost.h</c> (a <c>KvmUapiHeader</c> item) as <c>VhostNetIoctls</c>.
/// </summary>
public sealed class VhostNet : UapiFileDescriptor
{
    private VhostNet(int fd)
        : base(fd, null)
    {
    }

    /// <summary>Where the device file is: <c>/dev/vhost-net</c>.</summary>
    public const string DefaultPath = "/dev/vhost-net";

    /// <summary>Opens the device file read-write (close-on-exec).</summary>
    /// <param name="path">The device file; <see cref="DefaultPath"/> unless the system puts it elsewhere.</param>
    /// <exception cref="UapiException">The open failed (ENOENT: no such device, or its module is not loaded; EACCES: no permission).</exception>
    public static VhostNet Open(string path = DefaultPath) => new(OpenDevice(path));

    /// <summary>Takes ownership of an open fd of this kind (for generated code, and fds made elsewhere).</summary>
    /// <param name="fd">The fd; ownership passes to the returned object, which closes it.</param>
    public static VhostNet FromFileDescriptor(int fd) => new(fd);
}
