using KvmSharp.Generator.Targets;

namespace KvmSharp.Cli;

/// <summary>
/// Where Debian installs each target's uAPI headers and which package brings them, so that
/// <c>kvmgen</c> works without <c>--include</c> on a Debian machine and says what to install when it cannot.
/// </summary>
internal static class DebianHeaderLayout
{
    /// <summary>The include directories to search when the user gave none.</summary>
    /// <remarks>
    /// The native package splits the headers: <c>linux/</c> lands in <c>/usr/include</c> and <c>asm/</c> in the
    /// multiarch folder. The cross packages keep both under <c>/usr/TRIPLE/include</c>. We never look at
    /// linux-libc-dev-amd64-cross: the native package is the reference on x86_64 machines.
    /// </remarks>
    public static IReadOnlyList<string> DefaultIncludeDirectories(TargetArch arch)
        => arch == TargetArch.X86_64
            ? new[] { "/usr/include", "/usr/include/" + arch.DebianTriple }
            : new[] { "/usr/" + arch.DebianTriple + "/include" };

    /// <summary>The Debian package that holds the target's uAPI headers on an amd64 machine.</summary>
    public static string Package(TargetArch arch)
    {
        if (arch == TargetArch.X86_64)
            return "linux-libc-dev";
        if (arch == TargetArch.Arm64)
            return "linux-libc-dev-arm64-cross";
        if (arch == TargetArch.Riscv64)
            return "linux-libc-dev-riscv64-cross";
        if (arch == TargetArch.Ppc64le)
            return "linux-libc-dev-ppc64el-cross";
        if (arch == TargetArch.S390x)
            return "linux-libc-dev-s390x-cross";
        // A target added to TargetArch without a line here still gets a useful, if vaguer, hint.
        return "linux-libc-dev-" + arch.Name + "-cross";
    }

    /// <summary>One sentence telling the user how to get the headers, for error messages.</summary>
    public static string InstallHint(TargetArch arch)
        => $"install the Debian package {Package(arch)} (apt-get install {Package(arch)}), "
           + $"or pass --include DIR for a folder that holds the {arch.Name} uAPI headers";
}
