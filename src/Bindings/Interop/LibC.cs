using System.Runtime.InteropServices;

namespace KvmSharp.Interop;

/// <summary>
/// The few C library calls the runtime makes. Every one records errno (SetLastError) so that a failure
/// can be reported by name; nothing here knows a KVM request number or layout.
/// </summary>
internal static partial class LibC
{
    // "libc" resolves to the process's C library on glibc and musl alike; the runtime has it loaded.
    private const string Library = "libc";

    [LibraryImport(Library, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Open(string path, int flags);

    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);

    // ioctl(2) is variadic; on the LP64 Linux ABIs we target (x86_64, AArch64, RISC-V, ppc64le ELFv2,
    // s390x) a variadic pointer-sized argument travels exactly like a fixed one, so one fixed nint is
    // both the "unsigned long" integer argument and the pointer argument.
    [LibraryImport(Library, EntryPoint = "ioctl", SetLastError = true)]
    internal static partial int Ioctl(int fd, nuint request, nint argument);

    [LibraryImport(Library, EntryPoint = "mmap", SetLastError = true)]
    internal static partial nint Mmap(nint address, nuint length, int protection, int flags, int fd, long offset);

    [LibraryImport(Library, EntryPoint = "munmap", SetLastError = true)]
    internal static partial int Munmap(nint address, nuint length);

    [LibraryImport(Library, EntryPoint = "eventfd", SetLastError = true)]
    internal static partial int EventFd(uint initialValue, int flags);

    [LibraryImport(Library, EntryPoint = "read", SetLastError = true)]
    internal static unsafe partial nint Read(int fd, void* buffer, nuint count);

    [LibraryImport(Library, EntryPoint = "write", SetLastError = true)]
    internal static unsafe partial nint Write(int fd, void* buffer, nuint count);

    // statx's struct is the same on every architecture (unlike struct stat), so the owner of a device node is read
    // from it without per-arch layouts: stx_gid is the u32 at offset 20 of a 256-byte struct.
    [LibraryImport(Library, EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial int Statx(int directoryFd, string path, int flags, uint mask, byte* buffer);

    /// <summary>getgrgid(3): a pointer to a struct group, whose first member is <c>char *gr_name</c>; null when unknown.</summary>
    [LibraryImport(Library, EntryPoint = "getgrgid")]
    internal static partial nint GetGroupById(uint gid);

    [LibraryImport(Library, EntryPoint = "pthread_self")]
    internal static partial nuint PthreadSelf();

    /// <summary>pthread_kill(3) returns the error number (it does not set errno).</summary>
    [LibraryImport(Library, EntryPoint = "pthread_kill")]
    internal static partial int PthreadKill(nuint thread, int signal);

    [LibraryImport(Library, EntryPoint = "sigaction", SetLastError = true)]
    internal static unsafe partial int SigAction(int signal, void* action, void* oldAction);

    /// <summary>glibc's and musl's first real-time signal free for applications (SIGRTMIN).</summary>
    [LibraryImport(Library, EntryPoint = "__libc_current_sigrtmin")]
    internal static partial int CurrentSignalRealtimeMin();

    /// <summary>mmap's failure value, (void *)-1.</summary>
    internal static readonly nint MapFailed = -1;
}
