using KvmSharp.Generator.FrontEnd.Targets;
using KvmSharp.Tests.Cli;
using Xunit;

namespace KvmSharp.Tests.Packaging;

/// <summary>
/// What KVMB0001 (MSBuild) and kvmgen tell a user without the headers to install, by the distribution's
/// <c>/etc/os-release</c>. The package names expected are the distributions' own: Debian before 13 and Ubuntu before
/// 24.04 have a cross target's headers only in linux-libc-dev-ARCH-cross; from Debian 13 (6.12) linux-libc-dev holds every
/// arch's asm/ (the unpacked trixie and sid packages show it); Fedora's are kernel-headers and kernel-cross-headers.
/// </summary>
public sealed class InstallHintTests
{
    // Samples in the form the distributions ship them (quoted and unquoted values, fields in their order).
    private const string Debian12 = """
        PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
        NAME="Debian GNU/Linux"
        VERSION_ID="12"
        VERSION="12 (bookworm)"
        VERSION_CODENAME=bookworm
        ID=debian
        HOME_URL="https://www.debian.org/"
        """;

    private const string Debian13 = """
        PRETTY_NAME="Debian GNU/Linux 13 (trixie)"
        NAME="Debian GNU/Linux"
        VERSION_ID="13"
        VERSION="13 (trixie)"
        VERSION_CODENAME=trixie
        DEBIAN_VERSION_FULL=13.1
        ID=debian
        """;

    private const string Sid = """
        PRETTY_NAME="Debian GNU/Linux forky/sid"
        NAME="Debian GNU/Linux"
        VERSION_CODENAME=forky
        ID=debian
        """;

    private const string Ubuntu2204 = """
        PRETTY_NAME="Ubuntu 22.04.5 LTS"
        NAME="Ubuntu"
        VERSION_ID="22.04"
        VERSION="22.04.5 LTS (Jammy Jellyfish)"
        ID=ubuntu
        ID_LIKE=debian
        UBUNTU_CODENAME=jammy
        """;

    private const string Ubuntu2404 = """
        PRETTY_NAME="Ubuntu 24.04.1 LTS"
        NAME="Ubuntu"
        VERSION_ID="24.04"
        VERSION="24.04.1 LTS (Noble Numbat)"
        VERSION_CODENAME=noble
        ID=ubuntu
        ID_LIKE=debian
        """;

    private const string Fedora41 = """
        NAME="Fedora Linux"
        VERSION="41 (Workstation Edition)"
        ID=fedora
        VERSION_ID=41
        PRETTY_NAME="Fedora Linux 41 (Workstation Edition)"
        CPE_NAME="cpe:/o:fedoraproject:fedora:41"
        SUPPORT_END=2025-12-15
        VARIANT_ID=workstation
        """;

    private const string Rocky9 = """
        NAME="Rocky Linux"
        VERSION="9.4 (Blue Onyx)"
        ID="rocky"
        ID_LIKE="rhel centos fedora"
        VERSION_ID="9.4"
        """;

    private const string Mint22 = """
        NAME="Linux Mint"
        VERSION="22 (Wilma)"
        ID=linuxmint
        ID_LIKE="ubuntu debian"
        VERSION_ID="22"
        """;

    private const string Garbled = "ID\n=\nVERSION_ID=\"\nID_LIKE=''\n\u0000\u00ff==='\"";

    public static TheoryData<string, string, bool, string> Samples => new()
    {
        { nameof(Debian12), "arm64", true, "sudo apt-get install linux-libc-dev-arm64-cross" },
        { nameof(Debian12), "ppc64le", true, "sudo apt-get install linux-libc-dev-ppc64el-cross" },
        { nameof(Debian12), "x86_64", false, "sudo apt-get install linux-libc-dev)" },
        { nameof(Debian12), "x86_64", true, "sudo apt-get install linux-libc-dev-amd64-cross" },
        { nameof(Debian13), "arm64", true, "sudo apt-get install linux-libc-dev)" },
        { nameof(Sid), "s390x", true, "sudo apt-get install linux-libc-dev)" },
        { nameof(Ubuntu2204), "arm64", true, "sudo apt-get install linux-libc-dev-arm64-cross" },
        { nameof(Ubuntu2404), "arm64", true, "sudo apt-get install linux-libc-dev)" },
        { nameof(Ubuntu2404), "x86_64", false, "sudo apt-get install linux-libc-dev)" },
        { nameof(Fedora41), "x86_64", false, "sudo dnf install kernel-headers)" },
        { nameof(Fedora41), "arm64", true, "sudo dnf install kernel-cross-headers)" },
        { nameof(Rocky9), "x86_64", false, "sudo dnf install kernel-headers)" },
        { nameof(Mint22), "riscv64", true, "linux-libc-dev-riscv64-cross on an older one" },
        { nameof(Garbled), "arm64", true, "Fedora: kernel-cross-headers" },
        { "", "x86_64", false, "Debian and Ubuntu: linux-libc-dev; Fedora: kernel-headers" },
    };

    private static string? Text(string sample) => sample switch
    {
        nameof(Debian12) => Debian12,
        nameof(Debian13) => Debian13,
        nameof(Sid) => Sid,
        nameof(Ubuntu2204) => Ubuntu2204,
        nameof(Ubuntu2404) => Ubuntu2404,
        nameof(Fedora41) => Fedora41,
        nameof(Rocky9) => Rocky9,
        nameof(Mint22) => Mint22,
        nameof(Garbled) => Garbled,
        _ => null,
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void TheHintNamesThePackageOfTheDistribution(string sample, string arch, bool cross, string expected)
    {
        var hint = HeaderPackages.Describe(TargetArch.Find(arch)!, cross, OsRelease.Parse(Text(sample)));

        Assert.Contains(expected, hint);
        Assert.StartsWith("Install ", hint);
    }

    [Fact]
    public void OsReleaseFieldsAreReadWithOrWithoutQuotes()
    {
        Assert.Equal(new OsRelease("fedora", "", "41"), OsRelease.Parse(Fedora41));
        Assert.Equal(new OsRelease("rocky", "rhel centos fedora", "9.4"), OsRelease.Parse(Rocky9));
        Assert.Equal(new OsRelease("debian", "", ""), OsRelease.Parse(Sid));
        Assert.Equal(OsRelease.Unknown, OsRelease.Parse(null));
        Assert.True(OsRelease.Parse(Ubuntu2404).VersionAtLeast(24, 4));
        Assert.False(OsRelease.Parse(Ubuntu2204).VersionAtLeast(24, 4));
    }

    [Fact]
    public void KvmgenSaysTheSameAsKVMB0001ForThisMachine()
    {
        var missing = Path.Combine(Path.GetTempPath(), "kvmgen-no-such-folder-" + Guid.NewGuid().ToString("N"));

        var result = KvmgenInvocation.Run("dump", "--arch", "s390x", "--include", missing);

        var os = OsRelease.Parse(File.Exists("/etc/os-release") ? File.ReadAllText("/etc/os-release") : null);
        var cross = KvmSharp.Cli.CommandLine.Host != TargetArch.S390x;
        Assert.Contains($"not found in {missing} (no such directory). {HeaderPackages.Describe(TargetArch.S390x, cross, os)}, or pass --include DIR", result.Stderr);
    }

    /// <summary>KVMB0001 for each sample, from MSBuild's own evaluation of KvmSharp.targets (with the os-release file
    /// and an empty system root given as properties): the same sentence as HeaderPackages, and the package expected.</summary>
    [Fact]
    public void KVMB0001NamesWhatToInstallOnTheDistributionItRunsOn()
    {
        var folder = Directory.CreateTempSubdirectory("kvmsharp-os-release-");
        try
        {
            var rows = Samples.Select(r => (Sample: (string)r[0], Arch: TargetArch.Find((string)r[1])!, Cross: (bool)r[2], Expected: (string)r[3])).ToList();
            var cases = rows.Select((row, i) =>
            {
                var file = Path.Combine(folder.FullName, $"os-release-{i}");
                if (Text(row.Sample) is { } text)
                    File.WriteAllText(file, text);
                var host = !row.Cross ? row.Arch : row.Arch == TargetArch.X86_64 ? TargetArch.Arm64 : TargetArch.X86_64;
                return new TargetsProbe.Case($"case{i}", new Dictionary<string, string>
                {
                    ["KvmTargetArch"] = row.Arch.Name,
                    ["_KvmHostArch"] = host.Name,
                    // Empty, and its own: KVMB0001 names this case's folders.
                    ["_KvmSysRoot"] = Path.Combine(folder.FullName, $"root{i}"),
                    ["_KvmOsReleaseFile"] = file,
                }, RunCheck: true);
            }).ToList();

            var outcomes = TargetsProbe.Run(cases);

            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                var error = outcomes[$"case{i}"].Error;
                Assert.True(error is not null, $"no KVMB0001 for {row.Sample} {row.Arch}");
                Assert.Contains(row.Expected, error);
                Assert.Contains($"for KvmTargetArch {row.Arch.Name}. {HeaderPackages.Describe(row.Arch, row.Cross, OsRelease.Parse(Text(row.Sample)))}, or set KvmIncludeDirectories", error);
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
