namespace KvmSharp;

/// <summary>
/// The userfaultfd device (<c>/dev/userfaultfd</c>), whose one ioctl, <c>USERFAULTFD_IOC_NEW</c>, makes a <see cref="Userfaultfd"/>; access to it is the permission to handle kernel-mode faults without <c>vm.unprivileged_userfaultfd</c>. Its ioctl is generated from <c>linux/userfaultfd.h</c> as <c>UserfaultfdDeviceIoctls</c>.
/// </summary>
public sealed class UserfaultfdDevice : UapiFileDescriptor
{
    private UserfaultfdDevice(int fd)
        : base(fd, null)
    {
    }

    /// <summary>Where the device file is: <c>/dev/userfaultfd</c>.</summary>
    public const string DefaultPath = "/dev/userfaultfd";

    /// <summary>Opens the device file read-write (close-on-exec).</summary>
    /// <param name="path">The device file; <see cref="DefaultPath"/> unless the system puts it elsewhere.</param>
    /// <exception cref="UapiException">The open failed (ENOENT: no such device, or its module is not loaded; EACCES: no permission).</exception>
    public static UserfaultfdDevice Open(string path = DefaultPath) => new(OpenDevice(path));

    /// <summary>Takes ownership of an open fd of this kind (for generated code, and fds made elsewhere).</summary>
    /// <param name="fd">The fd; ownership passes to the returned object, which closes it.</param>
    public static UserfaultfdDevice FromFileDescriptor(int fd) => new(fd);
}
