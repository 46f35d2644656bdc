namespace KvmSharp;

/// <summary>
/// A userfaultfd: the fd of <c>userfaultfd(2)</c>, or of <c>USERFAULTFD_IOC_NEW</c> on <c>/dev/userfaultfd</c> (<see cref="UserfaultfdDevice"/>), through which page faults in registered ranges reach user space (live migration, snapshots). Its ioctls are generated from <c>linux/userfaultfd.h</c> as <c>UserfaultfdIoctls</c>.
/// </summary>
public sealed class Userfaultfd : UapiFileDescriptor
{
    private Userfaultfd(int fd)
        : base(fd, null)
    {
    }

    /// <summary>Takes ownership of an open fd of this kind (for generated code, and fds made elsewhere).</summary>
    /// <param name="fd">The fd; ownership passes to the returned object, which closes it.</param>
    public static Userfaultfd FromFileDescriptor(int fd) => new(fd);
}
