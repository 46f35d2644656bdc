using KvmSharp.Interop;

namespace KvmSharp;

/// <summary>
/// Linux errno numbers and their names. Errno values are part of the kernel's syscall ABI, which every
/// LP64 architecture KvmSharp targets (x86_64, arm64, riscv64, ppc64le, s390x) takes from asm-generic
/// (<c>asm-generic/errno-base.h</c> and <c>asm-generic/errno.h</c>), with one exception: powerpc gives
/// EDEADLOCK its own number, 58, where asm-generic makes it an alias of EDEADLK (35). Architectures
/// with their own numbering (alpha, mips, parisc, sparc) are not targets. The table is kept in code
/// rather than read from headers at run time because a machine running a VMM need not have headers.
/// </summary>
public static class LinuxErrno
{
    /// <summary>Operation not permitted.</summary>
    public const int EPERM = 1;
    /// <summary>No such file or directory (for example, no <c>/dev/kvm</c>).</summary>
    public const int ENOENT = 2;
    /// <summary>Interrupted system call: a normal result of KVM_RUN when a signal arrives.</summary>
    public const int EINTR = 4;
    /// <summary>I/O error.</summary>
    public const int EIO = 5;
    /// <summary>No such device or address.</summary>
    public const int ENXIO = 6;
    /// <summary>Argument list too long: KVM's answer when a flexible array has too few entries.</summary>
    public const int E2BIG = 7;
    /// <summary>Bad file descriptor.</summary>
    public const int EBADF = 9;
    /// <summary>Try again.</summary>
    public const int EAGAIN = 11;
    /// <summary>Out of memory.</summary>
    public const int ENOMEM = 12;
    /// <summary>Permission denied.</summary>
    public const int EACCES = 13;
    /// <summary>Bad address.</summary>
    public const int EFAULT = 14;
    /// <summary>Device or resource busy.</summary>
    public const int EBUSY = 16;
    /// <summary>File exists (for example, a vCPU id that is already taken).</summary>
    public const int EEXIST = 17;
    /// <summary>No such device.</summary>
    public const int ENODEV = 19;
    /// <summary>Invalid argument.</summary>
    public const int EINVAL = 22;
    /// <summary>Inappropriate ioctl for device: the request is unknown to this fd.</summary>
    public const int ENOTTY = 25;
    /// <summary>No space left on device.</summary>
    public const int ENOSPC = 28;
    /// <summary>Result out of range.</summary>
    public const int ERANGE = 34;
    /// <summary>Function not implemented.</summary>
    public const int ENOSYS = 38;
    /// <summary>Operation not supported.</summary>
    public const int EOPNOTSUPP = 95;

    // Indexed by errno; null where asm-generic defines no name (41, 58). Aliases (EWOULDBLOCK = EAGAIN,
    // EDEADLOCK = EDEADLK) are reported by their primary name.
    private static readonly string?[] Names =
    {
        /*   0 */ null, "EPERM", "ENOENT", "ESRCH", "EINTR", "EIO", "ENXIO", "E2BIG",
        /*   8 */ "ENOEXEC", "EBADF", "ECHILD", "EAGAIN", "ENOMEM", "EACCES", "EFAULT", "ENOTBLK",
        /*  16 */ "EBUSY", "EEXIST", "EXDEV", "ENODEV", "ENOTDIR", "EISDIR", "EINVAL", "ENFILE",
        /*  24 */ "EMFILE", "ENOTTY", "ETXTBSY", "EFBIG", "ENOSPC", "ESPIPE", "EROFS", "EMLINK",
        /*  32 */ "EPIPE", "EDOM", "ERANGE", "EDEADLK", "ENAMETOOLONG", "ENOLCK", "ENOSYS", "ENOTEMPTY",
        /*  40 */ "ELOOP", null, "ENOMSG", "EIDRM", "ECHRNG", "EL2NSYNC", "EL3HLT", "EL3RST",
        /*  48 */ "ELNRNG", "EUNATCH", "ENOCSI", "EL2HLT", "EBADE", "EBADR", "EXFULL", "ENOANO",
        /*  56 */ "EBADRQC", "EBADSLT", null, "EBFONT", "ENOSTR", "ENODATA", "ETIME", "ENOSR",
        /*  64 */ "ENONET", "ENOPKG", "EREMOTE", "ENOLINK", "EADV", "ESRMNT", "ECOMM", "EPROTO",
        /*  72 */ "EMULTIHOP", "EDOTDOT", "EBADMSG", "EOVERFLOW", "ENOTUNIQ", "EBADFD", "EREMCHG", "ELIBACC",
        /*  80 */ "ELIBBAD", "ELIBSCN", "ELIBMAX", "ELIBEXEC", "EILSEQ", "ERESTART", "ESTRPIPE", "EUSERS",
        /*  88 */ "ENOTSOCK", "EDESTADDRREQ", "EMSGSIZE", "EPROTOTYPE", "ENOPROTOOPT", "EPROTONOSUPPORT", "ESOCKTNOSUPPORT", "EOPNOTSUPP",
        /*  96 */ "EPFNOSUPPORT", "EAFNOSUPPORT", "EADDRINUSE", "EADDRNOTAVAIL", "ENETDOWN", "ENETUNREACH", "ENETRESET", "ECONNABORTED",
        /* 104 */ "ECONNRESET", "ENOBUFS", "EISCONN", "ENOTCONN", "ESHUTDOWN", "ETOOMANYREFS", "ETIMEDOUT", "ECONNREFUSED",
        /* 112 */ "EHOSTDOWN", "EHOSTUNREACH", "EALREADY", "EINPROGRESS", "ESTALE", "EUCLEAN", "ENOTNAM", "ENAVAIL",
        /* 120 */ "EISNAM", "EREMOTEIO", "EDQUOT", "ENOMEDIUM", "EMEDIUMTYPE", "ECANCELED", "ENOKEY", "EKEYEXPIRED",
        /* 128 */ "EKEYREVOKED", "EKEYREJECTED", "EOWNERDEAD", "ENOTRECOVERABLE", "ERFKILL", "EHWPOISON",
    };

    /// <summary>The highest errno number the table names.</summary>
    public static int MaxKnown => Names.Length - 1;

    /// <summary>
    /// The symbolic name of <paramref name="errno"/> on the running architecture ("EINVAL"), or
    /// "E&lt;number&gt;" for a number the table does not know.
    /// </summary>
    public static string GetName(int errno)
    {
        if (errno == 58 && LinuxAbi.HasPowerPcErrno)
            return "EDEADLOCK";
        return errno > 0 && errno < Names.Length && Names[errno] is { } name ? name : $"E{errno}";
    }
}
