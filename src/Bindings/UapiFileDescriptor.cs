using System.Runtime.InteropServices;
using KvmSharp.Interop;

namespace KvmSharp;

/// <summary>
/// A file descriptor of a Linux uAPI device (<c>/dev/kvm</c> and its VMs, vCPUs and devices; vhost, vfio, iommufd,
/// userfaultfd, tun) that this object owns and closes exactly once. Being a <see cref="SafeHandle"/>, every call made through it holds a reference
/// for its duration, so a concurrent <see cref="SafeHandle.Dispose()"/> can neither close the fd under a
/// running ioctl nor let the number be reused by another open; a call after disposal throws
/// <see cref="ObjectDisposedException"/>.
/// </summary>
/// <remarks>
/// A descriptor may hold a reference on a parent (a vCPU or device on its VM): the parent's fd then stays
/// open, and the parent's own cleanup waits, until the child is released. This mirrors the kernel, where
/// a vCPU fd keeps its VM alive, and lets the VM know when the guest can no longer touch its memory.
/// </remarks>
public abstract partial class UapiFileDescriptor : SafeHandle
{
    private readonly UapiFileDescriptor? _parent;
    private volatile bool _disposed;

    /// <summary>Takes ownership of <paramref name="fd"/>, and holds a reference on <paramref name="parent"/>.</summary>
    /// <exception cref="ObjectDisposedException"><paramref name="parent"/> is disposed; <paramref name="fd"/> has been closed.</exception>
    private protected UapiFileDescriptor(int fd, UapiFileDescriptor? parent)
        : base(invalidHandleValue: -1, ownsHandle: true)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fd);
        SetHandle(fd);
        if (parent is null)
            return;
        var added = false;
        try
        {
            parent.ThrowIfClosed();
            parent.DangerousAddRef(ref added);
        }
        finally
        {
            // The fd was handed over either way: a child that cannot be tied to its parent closes it now
            // rather than leak it.
            if (!added)
                Dispose();
        }
        _parent = parent;
    }

    /// <inheritdoc />
    public override bool IsInvalid => handle < 0;

    /// <summary>
    /// The raw fd number, for passing to other APIs. It is only valid while this object is alive and not
    /// disposed; prefer the ioctl methods, which keep the fd open for the duration of the call.
    /// </summary>
    /// <exception cref="ObjectDisposedException">This descriptor is disposed.</exception>
    public int FileDescriptor
    {
        get
        {
            ThrowIfClosed();
            return (int)handle;
        }
    }

    /// <summary>
    /// Whether <see cref="SafeHandle.Dispose()"/> was called. The fd itself may stay open a little longer:
    /// until running calls return, and for a VM until its vCPUs and devices are released.
    /// </summary>
    public bool IsDisposed => _disposed || IsClosed;

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        // SafeHandle only reports IsClosed once the last reference is gone; a VM whose vCPUs still hold it
        // must nevertheless refuse new calls from the moment its owner disposed it.
        _disposed = true;
        base.Dispose(disposing);
    }

    /// <summary>Runs before the fd is closed, for mappings of the fd that must go first.</summary>
    private protected virtual void BeforeClose()
    {
    }

    /// <summary>Runs after the fd is closed, for resources the kernel object used until then.</summary>
    private protected virtual void AfterClose()
    {
    }

    /// <inheritdoc />
    protected sealed override bool ReleaseHandle()
    {
        // Runs once, when the last reference is gone: possibly on the finalizer thread, so no throwing.
        BeforeClose();
        // Linux closes the fd even when close(2) reports EINTR or EIO, so there is nothing to retry.
        LibC.Close((int)handle);
        AfterClose();
        _parent?.DangerousRelease();
        return true;
    }

    /// <summary>The exception for a call the kernel refused: <see cref="KvmException"/> on KVM's fds, <see cref="UapiException"/> on the others.</summary>
    private protected virtual UapiException Refused(string operation, int errno) => new(operation, errno);

    /// <summary>Opens a device file read-write and close-on-exec; the caller wraps the fd at once.</summary>
    /// <exception cref="UapiException">The open failed (ENOENT: no such device, or its module is not loaded; EACCES: no permission).</exception>
    private protected static int OpenDevice(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fd = LibC.Open(path, LinuxAbi.OpenReadWrite | LinuxAbi.OpenCloseOnExec);
        return fd >= 0 ? fd : throw new UapiException($"open({path})", Marshal.GetLastPInvokeError());
    }

    /// <summary>Throws <see cref="ObjectDisposedException"/> naming this type once the owner disposed it.</summary>
    private protected void ThrowIfClosed() => ObjectDisposedException.ThrowIf(IsDisposed, this);
}
