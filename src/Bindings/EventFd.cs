using System.Runtime.InteropServices;
using KvmSharp.Interop;

namespace KvmSharp;

/// <summary>
/// An eventfd(2): a 64-bit counter in the kernel that one side adds to and the other reads and resets. KVM
/// connects them to a guest in both directions: <c>KVM_IRQFD</c> turns a write (<see cref="Signal"/>) into an
/// interrupt on a GSI without a trip through the vCPU thread, and <c>KVM_IOEVENTFD</c> turns a guest's write to a
/// port or an MMIO address into a count here (<see cref="Read"/>) instead of a VM exit. The generated
/// <c>vm.Irqfd(...)</c> and <c>vm.Ioeventfd(...)</c> take <see cref="FileDescriptor"/> in their structs' <c>fd</c>.
/// </summary>
public sealed class EventFd : SafeHandle
{
    private const int CloseOnExec = 0x80000;   // EFD_CLOEXEC = O_CLOEXEC
    private const int NonBlockingFlag = 0x800; // EFD_NONBLOCK = O_NONBLOCK (04000) on x86, arm64, riscv, ppc and s390

    /// <summary>Creates an eventfd, close-on-exec, with its counter at <paramref name="initialValue"/>.</summary>
    /// <param name="initialValue">The counter's starting value.</param>
    /// <param name="nonBlocking">Whether <see cref="TryRead"/> returns at once when the counter is 0 (EFD_NONBLOCK); else <see cref="Read"/> waits.</param>
    /// <exception cref="KvmException">eventfd(2) failed (EMFILE, ENOMEM...).</exception>
    public EventFd(uint initialValue = 0, bool nonBlocking = false)
        : base(invalidHandleValue: -1, ownsHandle: true)
    {
        var fd = LibC.EventFd(initialValue, CloseOnExec | (nonBlocking ? NonBlockingFlag : 0));
        if (fd < 0)
            throw new KvmException("eventfd", Marshal.GetLastPInvokeError());
        SetHandle(fd);
        IsNonBlocking = nonBlocking;
    }

    /// <summary>Whether reads return EAGAIN instead of waiting when the counter is 0.</summary>
    public bool IsNonBlocking { get; }

    /// <inheritdoc />
    public override bool IsInvalid => handle < 0;

    /// <summary>The fd number, for the <c>fd</c> member of <c>struct kvm_irqfd</c> or <c>struct kvm_ioeventfd</c>.</summary>
    /// <exception cref="ObjectDisposedException">This eventfd is disposed.</exception>
    public int FileDescriptor
    {
        get
        {
            ObjectDisposedException.ThrowIf(IsClosed, this);
            return (int)handle;
        }
    }

    /// <summary>Adds <paramref name="value"/> to the counter: for an irqfd, raises the interrupt once.</summary>
    /// <param name="value">What to add; positive.</param>
    /// <exception cref="KvmException">write(2) failed.</exception>
    /// <exception cref="ObjectDisposedException">This eventfd is disposed.</exception>
    public unsafe void Signal(ulong value = 1)
    {
        ArgumentOutOfRangeException.ThrowIfZero(value);
        var errno = Transfer(&value, write: true);
        if (errno != 0)
            throw new KvmException("write(eventfd)", errno);
    }

    /// <summary>Reads the counter and resets it to 0, waiting for a non-zero counter unless <see cref="IsNonBlocking"/>.</summary>
    /// <returns>The counter before the reset: how many signals (or, for an ioeventfd, guest writes) arrived since the last read.</returns>
    /// <exception cref="KvmException">read(2) failed, or the counter was 0 on a non-blocking eventfd (EAGAIN).</exception>
    /// <exception cref="ObjectDisposedException">This eventfd is disposed.</exception>
    public ulong Read()
    {
        var errno = TryRead(out var value);
        return errno == 0 ? value : throw new KvmException("read(eventfd)", errno);
    }

    /// <summary>Reads and resets the counter without throwing.</summary>
    /// <param name="value">The counter before the reset; 0 when nothing was read.</param>
    /// <returns>0, or the errno: EAGAIN when a non-blocking eventfd's counter is 0.</returns>
    /// <exception cref="ObjectDisposedException">This eventfd is disposed.</exception>
    public unsafe int TryRead(out ulong value)
    {
        ulong read = 0;
        var errno = Transfer(&read, write: false);
        value = errno == 0 ? read : 0;
        return errno;
    }

    private unsafe int Transfer(ulong* value, bool write)
    {
        var added = false;
        try
        {
            // Held across the call, as the KVM fds do: a concurrent Dispose cannot close the fd under it.
            DangerousAddRef(ref added);
            while (true)
            {
                var done = write ? LibC.Write((int)handle, value, sizeof(ulong)) : LibC.Read((int)handle, value, sizeof(ulong));
                if (done == sizeof(ulong))
                    return 0;
                var errno = Marshal.GetLastPInvokeError();
                if (errno != LinuxErrno.EINTR)
                    return errno;
            }
        }
        finally
        {
            if (added)
                DangerousRelease();
        }
    }

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        // Linux closes the fd even when close(2) reports an error: nothing to retry.
        LibC.Close((int)handle);
        return true;
    }
}
