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

    /// <summary>mmap's failure value, (void *)-1.</summary>
    internal static readonly nint MapFailed = -1;
}
