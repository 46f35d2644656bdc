using KvmSharp.Generator.FrontEnd.Targets;
using KvmSharp.Tests.Packaging;
using Xunit;

namespace KvmSharp.Tests.Kernels;

/// <summary>
/// The header search (<see cref="HeaderSearch"/>, and the same order in KvmSharp.targets) on the trees of Debian's real
/// packages, unpacked by <c>.ci/kernels</c> (5.10 and 6.1: linux-libc-dev with amd64's asm/ only, and the arm64 cross
/// package; 6.12 and 7.2: linux-libc-dev with every arch's asm/ under /usr/include/TRIPLE, and the cross package), and on
/// Fedora-like trees made from them. Whether the asm/kvm.h found is the target's is judged by a macro that only that
/// architecture's asm/kvm.h defines.
/// </summary>
public sealed class HeaderLayoutTests
{
    // A macro only this architecture's asm/kvm.h defines, in every release.
    private static readonly IReadOnlyDictionary<TargetArch, string> Marker = new Dictionary<TargetArch, string>
    {
        [TargetArch.X86_64] = "__KVM_HAVE_PIT",
        [TargetArch.Arm64] = "KVM_ARM_VCPU_PSCI_0_2",
        [TargetArch.Riscv64] = "KVM_REG_RISCV_CONFIG",
        [TargetArch.Ppc64le] = "KVM_REG_PPC_HIOR",
        [TargetArch.S390x] = "KVM_SYNC_PREFIX",
    };

    /// <summary>Every (release, arch, host) the unpacked packages have headers for: x86_64 and arm64 always, all five from 6.12;
    /// each as the build machine's arch and as a cross target of an x86_64 (or, for x86_64, an arm64) machine.</summary>
    public static TheoryData<string, string, bool> Cases
    {
        get
        {
            var data = new TheoryData<string, string, bool>();
            foreach (var release in KernelRelease.All)
            {
                var arches = release.Version is "5.10" or "6.1" ? new[] { TargetArch.X86_64, TargetArch.Arm64 } : TargetArch.All.ToArray();
                foreach (var arch in arches)
                {
                    data.Add(release.Version, arch.Name, false);
                    data.Add(release.Version, arch.Name, true);
                }
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheSearchFindsTheTargetsOwnHeadersInDebiansPackages(string version, string archName, bool cross)
    {
        var release = KernelRelease.Get(version);
        var arch = TargetArch.Find(archName)!;

        var result = HeaderSearch.Find(arch, cross, File.Exists, release.Root);

        Assert.True(result.Found is not null, $"{arch} ({(cross ? "cross" : "host")}) not found in {release}: tried {string.Join(", ", result.Searched.Select(l => l.Name))}");
        AssertHeadersOf(arch, result.IncludeDirectories);
        Assert.All(result.IncludeDirectories, d => Assert.StartsWith(release.Root + "/usr/", d));
        if (cross)
            Assert.NotEqual("plain", result.Found!.Name);
    }

    [Fact]
    public void ACrossTargetPrefersTheCrossPackageAndElseTakesTheMultiarchFolder()
    {
        // 6.12: the arm64 cross package (its own 6.12.38 files) is there; riscv64 has only linux-libc-dev's multiarch folder.
        var release = KernelRelease.Get("6.12");
        var usr = release.Root + "/usr";

        Assert.Equal(new[] { usr + "/aarch64-linux-gnu/include" }, HeaderSearch.Find(TargetArch.Arm64, cross: true, File.Exists, release.Root).IncludeDirectories);
        Assert.Equal(new[] { usr + "/include", usr + "/include/riscv64-linux-gnu" }, HeaderSearch.Find(TargetArch.Riscv64, cross: true, File.Exists, release.Root).IncludeDirectories);
        // As the build machine's arch, arm64 takes linux-libc-dev first.
        Assert.Equal(new[] { usr + "/include", usr + "/include/aarch64-linux-gnu" }, HeaderSearch.Find(TargetArch.Arm64, cross: false, File.Exists, release.Root).IncludeDirectories);
    }

    [Fact]
    public void OnAFedoraTreeTheHostTakesUsrIncludeAndACrossTargetNeverTakesTheHostsAsm()
    {
        using var fedora = FedoraTree.Create(KernelRelease.Get("6.12"));

        var host = HeaderSearch.Find(TargetArch.X86_64, cross: false, File.Exists, fedora.Root);
        Assert.Equal("plain", host.Found?.Name);
        AssertHeadersOf(TargetArch.X86_64, host.IncludeDirectories);

        var cross = HeaderSearch.Find(TargetArch.Arm64, cross: true, File.Exists, fedora.Root);
        Assert.Null(cross.Found);
        Assert.Equal(new[] { fedora.Root + "/usr/aarch64-linux-gnu/include" }, cross.IncludeDirectories);

        fedora.AddCrossHeaders(TargetArch.Arm64);
        var withCrossHeaders = HeaderSearch.Find(TargetArch.Arm64, cross: true, File.Exists, fedora.Root);
        Assert.Equal("fedora-cross", withCrossHeaders.Found?.Name);
        AssertHeadersOf(TargetArch.Arm64, withCrossHeaders.IncludeDirectories);
    }

    [Fact]
    public void MSBuildChoosesTheSameFoldersAsHeaderSearch()
    {
        var fedora = FedoraTree.Create(KernelRelease.Get("7.2"));
        var fedoraCross = FedoraTree.Create(KernelRelease.Get("6.1"));
        fedoraCross.AddCrossHeaders(TargetArch.Arm64);
        var empty = Directory.CreateTempSubdirectory("kvmsharp-empty-root-");
        try
        {
            var cases = new List<(string Id, string Root, TargetArch Arch, TargetArch Host)>();
            foreach (var row in Cases)
            {
                var (version, archName, cross) = ((string)row[0], (string)row[1], (bool)row[2]);
                var arch = TargetArch.Find(archName)!;
                cases.Add(($"{version}-{archName}-{cross}", KernelRelease.Get(version).Root, arch, HostFor(arch, cross)));
            }
            foreach (var arch in new[] { TargetArch.X86_64, TargetArch.Arm64 })
            {
                cases.Add(($"fedora-{arch}", fedora.Root, arch, TargetArch.X86_64));
                cases.Add(($"fedora-cross-{arch}", fedoraCross.Root, arch, TargetArch.X86_64));
                cases.Add(($"empty-{arch}", empty.FullName, arch, TargetArch.X86_64));
            }

            var outcomes = TargetsProbe.Run(cases.Select(c => new TargetsProbe.Case(c.Id, new Dictionary<string, string>
            {
                ["KvmTargetArch"] = c.Arch.Name,
                ["_KvmHostArch"] = c.Host.Name,
                ["_KvmSysRoot"] = c.Root,
            })).ToList());

            Assert.All(cases, c =>
            {
                var search = HeaderSearch.Find(c.Arch, c.Arch != c.Host, File.Exists, c.Root);
                var msbuild = outcomes[c.Id];
                Assert.True(string.Join(";", search.IncludeDirectories) == msbuild.IncludeDirectories,
                    $"{c.Id}: HeaderSearch {string.Join(";", search.IncludeDirectories)} ({search.Found?.Name}), MSBuild {msbuild.IncludeDirectories} ({msbuild.Layout})");
                Assert.Equal((search.Found ?? search.Searched[0]).Name, msbuild.Layout);
            });
            // Not a tautology of two empty answers: the Debian trees gave every arch its own headers.
            Assert.All(cases.Where(c => !c.Id.StartsWith("empty", StringComparison.Ordinal) && !c.Id.StartsWith("fedora", StringComparison.Ordinal)),
                c => AssertHeadersOf(c.Arch, outcomes[c.Id].IncludeDirectories.Split(';')));
            AssertHeadersOf(TargetArch.Arm64, outcomes["fedora-cross-arm64"].IncludeDirectories.Split(';'));
            AssertHeadersOf(TargetArch.X86_64, outcomes["fedora-x86_64"].IncludeDirectories.Split(';'));
        }
        finally
        {
            fedora.Dispose();
            fedoraCross.Dispose();
            empty.Delete(recursive: true);
        }
    }

    private static TargetArch HostFor(TargetArch arch, bool cross) => !cross ? arch : arch == TargetArch.X86_64 ? TargetArch.Arm64 : TargetArch.X86_64;

    /// <summary>linux/kvm.h is in the folders, and the asm/kvm.h that #include &lt;asm/kvm.h&gt; finds first is the arch's.</summary>
    internal static void AssertHeadersOf(TargetArch arch, IReadOnlyList<string> directories)
    {
        Assert.Contains(directories, d => File.Exists(Path.Combine(d, "linux", "kvm.h")));
        var asm = directories.Select(d => Path.Combine(d, "asm", "kvm.h")).FirstOrDefault(File.Exists);
        Assert.True(asm is not null, $"no asm/kvm.h in {string.Join(", ", directories)}");
        var text = File.ReadAllText(asm!);
        foreach (var (other, marker) in Marker)
        {
            var defines = System.Text.RegularExpressions.Regex.IsMatch(text, $@"#\s*define\s+{marker}\b");
            Assert.True(defines == (other == arch), $"{asm} is meant to be {arch}'s asm/kvm.h, yet it {(defines ? "defines" : "lacks")} {marker} (of {other})");
        }
    }
}

/// <summary>
/// A tree laid out as Fedora's packages lay it out, with headers copied from a Debian release: kernel-headers puts
/// the host's (x86_64) headers in /usr/include with asm/ beside linux/; kernel-cross-headers puts each arch's in
/// /usr/KERNELARCH-linux-gnu/include (its spec: <c>%{_prefix}/${arch}-linux-gnu/include</c> for arm arm64 powerpc riscv s390 x86).
/// </summary>
internal sealed class FedoraTree : IDisposable
{
    private readonly KernelRelease release;

    private FedoraTree(KernelRelease release, string root)
    {
        this.release = release;
        Root = root;
    }

    public string Root { get; }

    public static FedoraTree Create(KernelRelease release)
    {
        var tree = new FedoraTree(release, Directory.CreateTempSubdirectory("kvmsharp-fedora-").FullName);
        var include = Path.Combine(tree.Root, "usr", "include");
        var x86 = release.IncludeDirectories(TargetArch.X86_64);
        Copy(x86[0] + "/linux/kvm.h", include + "/linux/kvm.h");
        Copy(x86.Select(d => d + "/asm/kvm.h").First(File.Exists), include + "/asm/kvm.h");
        return tree;
    }

    public void AddCrossHeaders(TargetArch arch)
    {
        var include = Path.Combine(Root, "usr", arch.KernelArch + "-linux-gnu", "include");
        var from = release.IncludeDirectories(arch);
        Copy(from.Select(d => d + "/linux/kvm.h").First(File.Exists), include + "/linux/kvm.h");
        Copy(from.Select(d => d + "/asm/kvm.h").First(File.Exists), include + "/asm/kvm.h");
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    // File.Copy follows the symbolic links of Debian 13's multiarch folders: the copy is the file itself.
    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        File.Copy(from, to);
    }
}
