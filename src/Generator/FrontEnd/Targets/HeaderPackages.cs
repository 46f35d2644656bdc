namespace KvmSharp.Generator.FrontEnd.Targets;

/// <summary>
/// Which package holds a target's uAPI headers on the distribution that <c>/etc/os-release</c> describes, as the
/// sentence KVMB0001 and kvmgen print. KvmSharp.targets builds the same sentences (the tests compare the two).
/// <list type="bullet">
/// <item><description>Debian, Ubuntu: <c>linux-libc-dev</c> for the host. For a cross target, from Debian 13 (and sid,
/// which has no VERSION_ID) and Ubuntu 24.04 on <c>linux-libc-dev</c> too, which holds every architecture's
/// <c>asm/</c>; before, <c>linux-libc-dev-ARCH-cross</c>. A derivative (ID_LIKE debian or ubuntu) gets both.</description></item>
/// <item><description>Fedora, RHEL and their derivatives: <c>kernel-headers</c> for the host,
/// <c>kernel-cross-headers</c> for a cross target.</description></item>
/// <item><description>Anything else: the names on Debian and Fedora, to look up.</description></item>
/// </list>
/// </summary>
public static class HeaderPackages
{
    /// <summary>The sentence, starting with <c>Install</c>, without a final period.</summary>
    public static string Describe(TargetArch target, bool cross, OsRelease os)
    {
        var apt = "linux-libc-dev";
        if (os.Id == "debian" || os.Id == "ubuntu")
        {
            var allArches = os.Id == "debian" ? os.VersionId.Length == 0 || os.VersionAtLeast(13) : os.VersionAtLeast(24, 4);
            var package = !cross || allArches ? apt : target.DebianCrossPackage;
            return $"Install the package {package} (sudo apt-get install {package})";
        }
        if (os.IsLike("debian") || os.IsLike("ubuntu"))
        {
            return cross
                ? $"Install the package {apt} (sudo apt-get install {apt}) on a release from Debian 13 or Ubuntu 24.04 on, {target.DebianCrossPackage} on an older one"
                : $"Install the package {apt} (sudo apt-get install {apt})";
        }
        if (os.IsLike("fedora") || os.IsLike("rhel"))
        {
            var package = cross ? "kernel-cross-headers" : "kernel-headers";
            return $"Install the package {package} (sudo dnf install {package})";
        }
        return $"Install the Linux uAPI headers of {target.Name} (Debian and Ubuntu: {(cross ? $"linux-libc-dev, or {target.DebianCrossPackage} before Debian 13 and Ubuntu 24.04" : apt)}; Fedora: {(cross ? "kernel-cross-headers" : "kernel-headers")})";
    }
}
