using KvmSharp.Generator.FrontEnd.Targets;
using Xunit;

namespace KvmSharp.Tests.Kernels;

/// <summary>
/// One kernel release of the version matrix as <c>.ci/kernels</c> unpacks it from Debian's packages: its uAPI
/// headers laid out as dpkg installs them (under <see cref="Root"/>), its <c>api.rst</c>, and the KVM part of
/// its sources (<c>virt/kvm</c>, <c>arch/*/kvm</c>).
/// </summary>
/// <param name="Version">The kernel series, <c>5.10</c> ... <c>7.2</c>.</param>
/// <param name="Suite">The Debian suite it comes from.</param>
/// <param name="Folder">Its folder in the cache.</param>
public sealed record KernelRelease(string Version, string Suite, string Folder)
{
    /// <summary>The oldest and newest releases the tests hold the bindings to, by Debian suite.</summary>
    public static IReadOnlyList<KernelRelease> All { get; } = new[]
    {
        new KernelRelease("5.10", "bullseye", Path.Combine(Cache, "5.10")),
        new KernelRelease("6.1", "bookworm", Path.Combine(Cache, "6.1")),
        new KernelRelease("6.12", "trixie", Path.Combine(Cache, "6.12")),
        new KernelRelease("7.2", "sid", Path.Combine(Cache, "7.2")),
    };

    /// <summary>The versions, for <c>[MemberData]</c>.</summary>
    public static TheoryData<string> Versions
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var release in All)
                data.Add(release.Version);
            return data;
        }
    }

    /// <summary>Every release crossed with x86_64 and arm64 (the two arches every release has headers for), for <c>[MemberData]</c>.</summary>
    public static TheoryData<string, string> WithX86AndArm64
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var release in All)
            {
                data.Add(release.Version, TargetArch.X86_64.Name);
                data.Add(release.Version, TargetArch.Arm64.Name);
            }
            return data;
        }
    }

    /// <summary>Where <c>.ci/kernels</c> puts the releases: <c>$KVMSHARP_KERNELS</c>, else the user's cache folder.</summary>
    public static string Cache
    {
        get
        {
            var set = Environment.GetEnvironmentVariable("KVMSHARP_KERNELS");
            if (!string.IsNullOrEmpty(set))
                return set;
            var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            var root = string.IsNullOrEmpty(xdg) ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache") : xdg;
            return Path.Combine(root, "kvmsharp", "kernels");
        }
    }

    /// <summary>The release of <paramref name="version"/>; fails the test, naming the command to run, when it was not fetched.</summary>
    public static KernelRelease Get(string version)
    {
        var release = All.Single(r => r.Version == version);
        Assert.True(File.Exists(Path.Combine(release.Folder, ".complete")),
            $"kernel {version} ({release.Suite}) is not in {Cache}: run .ci/kernels (it fetches Debian's packages of every release into that cache)");
        return release;
    }

    /// <summary>The unpacked packages: <c>usr/include</c>, <c>usr/aarch64-linux-gnu/include</c>, ... below it.</summary>
    public string Root => Path.Combine(Folder, "root");

    /// <summary><c>Documentation/virt/kvm/api.rst</c> of the release, from <c>linux-doc-VERSION</c>.</summary>
    public string ApiRst => Path.Combine(Folder, "api.rst");

    /// <summary>The KVM part of the release's sources, from <c>linux-source-VERSION</c>.</summary>
    public string Sources => Path.Combine(Folder, "src");

    /// <summary>
    /// The folders that hold the headers of <paramref name="arch"/>, in search order. x86_64 and, from 6.12 on,
    /// every arch: <c>usr/include</c> and the multiarch <c>usr/include/TRIPLE</c> of linux-libc-dev; before 6.12, the
    /// other arches' headers come only from the cross package, in <c>usr/TRIPLE/include</c>.
    /// </summary>
    public IReadOnlyList<string> IncludeDirectories(TargetArch arch)
    {
        var multiarch = Path.Combine(Root, "usr", "include", arch.DebianTriple);
        if (File.Exists(Path.Combine(multiarch, "asm", "kvm.h")))
            return new[] { Path.Combine(Root, "usr", "include"), multiarch };
        return new[] { Path.Combine(Root, "usr", arch.DebianTriple, "include") };
    }

    /// <summary>Whether the release has the headers of <paramref name="arch"/> (x86_64 and arm64 always; all five from 6.12).</summary>
    public bool Has(TargetArch arch) => IncludeDirectories(arch).Any(d => File.Exists(Path.Combine(d, "asm", "kvm.h")));

    /// <inheritdoc/>
    public override string ToString() => $"{Version} ({Suite})";
}
