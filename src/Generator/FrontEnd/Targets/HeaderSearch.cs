namespace KvmSharp.Generator.FrontEnd.Targets;

/// <summary>
/// Finds a target's uAPI headers where the distributions install them. KvmSharp.targets has the same order as
/// MSBuild <c>Exists()</c> conditions (keep the two in step; the tests evaluate both on the same trees).
/// <list type="number">
/// <item><description>Cross target only: <c>/usr/TRIPLE/include</c> (<c>debian-cross</c>): Debian's and Ubuntu's
/// <c>linux-libc-dev-ARCH-cross</c>, one folder with <c>linux/</c> and <c>asm/</c> of the same release (on Debian 13
/// and later a tree of links into linux-libc-dev's files).</description></item>
/// <item><description><c>/usr/include</c> + <c>/usr/include/TRIPLE</c> (<c>debian-multiarch</c>): Debian's and Ubuntu's
/// linux-libc-dev, which has the host's <c>asm/</c> there, and from Debian 13 (6.12) on every architecture's.</description></item>
/// <item><description>Host target only: <c>/usr/include</c> with <c>/usr/include/asm</c> (<c>plain</c>): Fedora's and
/// RHEL's kernel-headers, and most other distributions, which install the host's headers only.</description></item>
/// <item><description><c>/usr/TRIPLE/include</c> (<c>debian-cross</c>) for the host too, after its own layouts.</description></item>
/// <item><description><c>/usr/KERNELARCH-linux-gnu/include</c> (<c>fedora-cross</c>): Fedora's kernel-cross-headers,
/// which names the folders by the kernel's architecture (<c>arm64</c>, <c>x86</c>, <c>powerpc</c>, ...).</description></item>
/// </list>
/// A cross target never falls back on <c>/usr/include/asm</c>: that is the host's architecture.
/// </summary>
public static class HeaderSearch
{
    /// <summary>The layouts to try for <paramref name="target"/>, in order, below <paramref name="root"/> (<c>/</c>, or a
    /// folder with a <c>usr/</c> tree, as the tests use unpacked packages).</summary>
    /// <param name="target">The target whose headers are wanted.</param>
    /// <param name="cross">Whether <paramref name="target"/> is not the build machine's architecture.</param>
    /// <param name="root">The system root the <c>/usr</c> paths are under.</param>
    public static IReadOnlyList<HeaderLayout> Candidates(TargetArch target, bool cross, string root = "/")
    {
        var usr = UsrOf(root);
        var debianCross = Single("debian-cross", $"{usr}/{target.DebianTriple}/include");
        var multiarch = new HeaderLayout("debian-multiarch", new[] { $"{usr}/include", $"{usr}/include/{target.DebianTriple}" },
            $"{usr}/include/linux/kvm.h", $"{usr}/include/{target.DebianTriple}/asm/kvm.h");
        var plain = Single("plain", $"{usr}/include");
        var fedoraCross = Single("fedora-cross", $"{usr}/{target.KernelArch}-linux-gnu/include");

        var layouts = new List<HeaderLayout>();
        if (cross)
            layouts.Add(debianCross);
        layouts.Add(multiarch);
        if (!cross)
            layouts.Add(plain);
        if (!cross)
            layouts.Add(debianCross);
        layouts.Add(fedoraCross);
        return layouts;
    }

    /// <summary>Searches the <see cref="Candidates"/> with <paramref name="fileExists"/> (<c>File.Exists</c> outside a Roslyn component).</summary>
    public static HeaderSearchResult Find(TargetArch target, bool cross, Func<string, bool> fileExists, string root = "/")
    {
        var candidates = Candidates(target, cross, root);
        var found = candidates.FirstOrDefault(l => fileExists(l.LinuxHeader) && fileExists(l.AsmHeader));
        return new HeaderSearchResult(found, candidates);
    }

    /// <summary><c>ROOT/usr</c> without a doubled slash: <c>/usr</c> for <c>/</c> (and for an empty root).</summary>
    internal static string UsrOf(string root) => root.Replace('\\', '/').TrimEnd('/') + "/usr";

    private static HeaderLayout Single(string name, string folder)
        => new(name, new[] { folder }, folder + "/linux/kvm.h", folder + "/asm/kvm.h");
}
