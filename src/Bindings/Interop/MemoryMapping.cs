using System.Runtime.InteropServices;

namespace KvmSharp.Interop;

/// <summary>
/// One mmap(2) region, unmapped exactly once when the last reference is released. Owners that lend the
/// region out (a VM using guest memory) take a reference, so that disposing the owner only unmaps once
/// nobody can still reach the pages.
/// </summary>
internal sealed class MemoryMapping : SafeHandle
{
    private MemoryMapping(nint address, nuint length)
        : base(invalidHandleValue: LibC.MapFailed, ownsHandle: true)
    {
        Length = length;
        SetHandle(address);
    }

    /// <summary>The mapping's length in bytes.</summary>
    public nuint Length { get; }

    /// <summary>The first byte of the mapping; meaningful only while not closed.</summary>
    public nint Address => handle;

    public override bool IsInvalid => handle == LibC.MapFailed || handle == 0;

    /// <summary>Maps <paramref name="length"/> bytes; throws <see cref="KvmException"/> naming <paramref name="operation"/> on failure.</summary>
    public static MemoryMapping Map(nuint length, int protection, int flags, int fd, string operation)
    {
        var address = LibC.Mmap(0, length, protection, flags, fd, 0);
        if (address == LibC.MapFailed)
            throw new KvmException(operation, Marshal.GetLastPInvokeError());
        return new MemoryMapping(address, length);
    }

    protected override bool ReleaseHandle() => LibC.Munmap(handle, Length) == 0;
}
