using System.Runtime.InteropServices;

namespace KvmSharp.Interop;

/// <summary>
/// Flag values of open(2) and mmap(2) on the Linux architectures KvmSharp targets. These belong to the
/// kernel's generic syscall ABI, not to KVM, so they are written here rather than generated; only
/// powerpc departs from asm-generic among our targets (MAP_NORESERVE is 0x40 there, 0x4000 elsewhere).
/// </summary>
internal static class LinuxAbi
{
    internal const int OpenReadWrite = 2;             // O_RDWR
    internal const int OpenCloseOnExec = 0x80000;     // O_CLOEXEC (02000000): a forked child must not inherit /dev/kvm fds

    internal const int ProtectionRead = 1;            // PROT_READ
    internal const int ProtectionWrite = 2;           // PROT_WRITE

    internal const int MapShared = 0x01;              // MAP_SHARED
    internal const int MapPrivate = 0x02;             // MAP_PRIVATE
    internal const int MapAnonymous = 0x20;           // MAP_ANONYMOUS

    /// <summary>MAP_NORESERVE for the running process's architecture.</summary>
    internal static int MapNoReserve => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 or Architecture.Arm64 or Architecture.RiscV64 or Architecture.S390x => 0x4000,
        Architecture.Ppc64le => 0x40,
        var other => throw new PlatformNotSupportedException($"KvmSharp does not know the mmap flags of {other}"),
    };

    /// <summary>Whether errno values follow asm-generic except for EDEADLOCK (powerpc gives it its own number).</summary>
    internal static bool HasPowerPcErrno => RuntimeInformation.ProcessArchitecture == Architecture.Ppc64le;
}
