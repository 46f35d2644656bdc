namespace KvmSharp;

/// <summary>
/// The TUN/TAP clone device (<c>/dev/net/tun</c>): after <c>TUNSETIFF</c> the fd reads and writes one network interface's packets. Its ioctls are generated from <c>linux/if_tun.h</c> as <c>TunDeviceIoctls</c>.
/// </summary>
public sealed class TunDevice : UapiFileDescriptor
{
    private TunDevice(int fd)
        : base(fd, null)
    {
    }

    /// <summary>Where the device file is: <c>/dev/net/tun</c>.</summary>
    public const string DefaultPath = "/dev/net/tun";

    /// <summary>Opens the device file read-write (close-on-exec).</summary>
    /// <param name="path">The device file; <see cref="DefaultPath"/> unless the system puts it elsewhere.</param>
    /// <exception cref="UapiException">The open failed (ENOENT: no such device, or its module is not loaded; EACCES: no permission).</exception>
    public static TunDevice Open(string path = DefaultPath) => new(OpenDevice(path));

    /// <summary>Takes ownership of an open fd of this kind (for generated code, and fds made elsewhere).</summary>
    /// <param name="fd">The fd; ownership passes to the returned object, which closes it.</param>
    public static TunDevice FromFileDescriptor(int fd) => new(fd);
}
