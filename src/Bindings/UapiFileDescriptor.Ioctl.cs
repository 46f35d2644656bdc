using System.Runtime.InteropServices;
using KvmSharp.Interop;

namespace KvmSharp;

// The ioctl primitives. The request number and the ioctl's C name come from the caller (the generated
// KvmIoctls and its wrappers): this assembly knows no KVM request and no KVM layout. The typed forms
// pass a pointer to the caller's T; the generated wrapper is what guarantees T is the ioctl's struct.
public abstract partial class UapiFileDescriptor
{
    /// <summary>Calls ioctl(2) with a pointer-sized argument (a pointer, or an integer passed as one).</summary>
    /// <param name="request">The request number, for example <c>KvmIoctls.CreateVcpu</c>.</param>
    /// <param name="argument">The third argument of ioctl(2).</param>
    /// <param name="name">The ioctl's C name, for the exception message, for example "KVM_CREATE_VCPU".</param>
    /// <returns>The ioctl's non-negative result.</returns>
    /// <exception cref="UapiException">The kernel refused the call (a <see cref="KvmException"/> on KVM's fds).</exception>
    /// <exception cref="ObjectDisposedException">This descriptor is disposed.</exception>
    public int Ioctl(ulong request, nint argument, string name)
    {
        var errno = TryIoctl(request, argument, out var result);
        return errno == 0 ? result : throw Refused(name, errno);
    }

    /// <summary>Calls ioctl(2) with an integer argument (the _IO ioctls that take a value, such as KVM_CHECK_EXTENSION).</summary>
    /// <inheritdoc cref="Ioctl(ulong, nint, string)" />
    /// <param name="value">The integer argument, passed as C's <c>unsigned long</c>.</param>
    public int Ioctl(ulong request, ulong value, string name) => Ioctl(request, unchecked((nint)value), name);

    /// <summary>Calls an ioctl that fills a <typeparamref name="T"/> (an _IOR ioctl).</summary>
    /// <inheritdoc cref="Ioctl(ulong, nint, string)" />
    /// <param name="value">Receives what the kernel wrote; zeroed before the call.</param>
    public unsafe void IoctlRead<T>(ulong request, out T value, string name)
        where T : unmanaged
    {
        value = default;
        fixed (T* pointer = &value)
            Ioctl(request, (nint)pointer, name);
    }

    /// <summary>Calls an ioctl that reads a <typeparamref name="T"/> (an _IOW ioctl).</summary>
    /// <inheritdoc cref="Ioctl(ulong, nint, string)" />
    /// <param name="value">What the kernel reads.</param>
    public unsafe int IoctlWrite<T>(ulong request, in T value, string name)
        where T : unmanaged
    {
        fixed (T* pointer = &value)
            return Ioctl(request, (nint)pointer, name);
    }

    /// <summary>Calls an ioctl that reads and updates a <typeparamref name="T"/> (an _IOWR ioctl).</summary>
    /// <inheritdoc cref="Ioctl(ulong, nint, string)" />
    /// <param name="value">What the kernel reads, then what it wrote back.</param>
    public unsafe int IoctlReadWrite<T>(ulong request, ref T value, string name)
        where T : unmanaged
    {
        fixed (T* pointer = &value)
            return Ioctl(request, (nint)pointer, name);
    }

    /// <summary>
    /// Calls an ioctl whose result is a new file descriptor (KVM_CREATE_VM, KVM_CREATE_VCPU, KVM_GET_STATS_FD...).
    /// The caller owns the returned fd and must wrap it at once (for example with
    /// <see cref="KvmVm.FromFileDescriptor(int)"/>), or close it.
    /// </summary>
    /// <inheritdoc cref="Ioctl(ulong, nint, string)" />
    /// <param name="value">The integer argument, passed as C's <c>unsigned long</c>.</param>
    /// <returns>The new fd.</returns>
    public int IoctlReturningFileDescriptor(ulong request, ulong value, string name) => Ioctl(request, value, name);

    /// <summary>
    /// Calls an ioctl that takes a struct and returns a new file descriptor (KVM_CREATE_GUEST_MEMFD...).
    /// The caller owns the returned fd and must wrap it at once (a <see cref="Microsoft.Win32.SafeHandles.SafeFileHandle"/>
    /// for fds that are not KVM objects), or close it.
    /// </summary>
    /// <inheritdoc cref="Ioctl(ulong, nint, string)" />
    /// <param name="value">What the kernel reads, then what it wrote back.</param>
    /// <returns>The new fd.</returns>
    public int IoctlReturningFileDescriptor<T>(ulong request, ref T value, string name)
        where T : unmanaged => IoctlReadWrite(request, ref value, name);

    /// <summary>Calls an ioctl whose argument is a NUL-terminated string (VFIO_GROUP_GET_DEVICE_FD).</summary>
    /// <inheritdoc cref="Ioctl(ulong, nint, string)" />
    /// <param name="value">The string, passed in UTF-8 with a NUL after it.</param>
    public unsafe int IoctlString(ulong request, string value, string name)
    {
        ArgumentNullException.ThrowIfNull(value);
        var bytes = new byte[System.Text.Encoding.UTF8.GetByteCount(value) + 1];
        System.Text.Encoding.UTF8.GetBytes(value, bytes);
        fixed (byte* pointer = bytes)
            return Ioctl(request, (nint)pointer, name);
    }

    /// <summary>Calls ioctl(2) without throwing.</summary>
    /// <param name="request">The request number.</param>
    /// <param name="argument">The third argument of ioctl(2).</param>
    /// <param name="result">The ioctl's result; -1 when it failed.</param>
    /// <returns>0 on success, else the errno (for example <see cref="LinuxErrno.EINTR"/> from KVM_RUN).</returns>
    /// <exception cref="ObjectDisposedException">This descriptor is disposed.</exception>
    public int TryIoctl(ulong request, nint argument, out int result)
    {
        ThrowIfClosed();
        var added = false;
        try
        {
            // Held across the call: a concurrent Dispose waits for the ioctl instead of closing its fd.
            DangerousAddRef(ref added);
            result = LibC.Ioctl((int)handle, (nuint)request, argument);
            return result < 0 ? Marshal.GetLastPInvokeError() : 0;
        }
        finally
        {
            if (added)
                DangerousRelease();
        }
    }

    /// <summary>Calls ioctl(2) with an integer argument without throwing.</summary>
    /// <inheritdoc cref="TryIoctl(ulong, nint, out int)" />
    /// <param name="value">The integer argument, passed as C's <c>unsigned long</c>.</param>
    public int TryIoctl(ulong request, ulong value, out int result) =>
        TryIoctl(request, unchecked((nint)value), out result);

    /// <summary>Calls an _IOR ioctl without throwing.</summary>
    /// <inheritdoc cref="TryIoctl(ulong, nint, out int)" />
    /// <param name="value">Receives what the kernel wrote; zeroed before the call.</param>
    public unsafe int TryIoctlRead<T>(ulong request, out T value)
        where T : unmanaged
    {
        value = default;
        fixed (T* pointer = &value)
            return TryIoctl(request, (nint)pointer, out _);
    }

    /// <summary>Calls an _IOW ioctl without throwing.</summary>
    /// <inheritdoc cref="TryIoctl(ulong, nint, out int)" />
    /// <param name="value">What the kernel reads.</param>
    public unsafe int TryIoctlWrite<T>(ulong request, in T value)
        where T : unmanaged
    {
        fixed (T* pointer = &value)
            return TryIoctl(request, (nint)pointer, out _);
    }

    /// <summary>Calls an _IOWR ioctl without throwing.</summary>
    /// <inheritdoc cref="TryIoctl(ulong, nint, out int)" />
    /// <param name="value">What the kernel reads, then what it wrote back.</param>
    public unsafe int TryIoctlReadWrite<T>(ulong request, ref T value)
        where T : unmanaged
    {
        fixed (T* pointer = &value)
            return TryIoctl(request, (nint)pointer, out _);
    }
}
