using System.Text.RegularExpressions;
using KvmSharp.Cli;
using KvmSharp.Generator.Emission;
using KvmSharp.Generator.FrontEnd.Targets;
using KvmSharp.Generator.FrontEnd;
using KvmSharp.Generator;
using KvmSharp.Tests.Emission;
using Xunit;

namespace KvmSharp.Tests.Kernels;

/// <summary>
/// <c>KvmHeaderInfo</c>: the kernel release the front-end reads from <c>linux/version.h</c> beside the header, held to the
/// release and the version of the Debian package the folder came from (<c>.ci/kernels</c> keeps the .deb names), and the
/// generated class compiled and run.
/// </summary>
public sealed class HeaderInfoTests
{
    [Theory]
    [MemberData(nameof(KernelRelease.Versions), MemberType = typeof(KernelRelease))]
    public void TheVersionIsThatOfTheReleaseAndOfItsPackage(string version)
    {
        var release = KernelRelease.Get(version);
        foreach (var arch in new[] { TargetArch.X86_64, TargetArch.Arm64 })
        {
            // As the build finds them on an x86_64 machine: arm64 from the cross package, where there is one.
            var directories = HeaderSearch.Find(arch, cross: arch != TargetArch.X86_64, File.Exists, release.Root).IncludeDirectories;
            var model = HeaderFrontEnd.Read(new HeaderRequest(arch, directories), DiskHeaderFiles.Instance);

            Assert.DoesNotContain(model.Diagnostics, d => d.Severity == Generator.Model.DiagnosticSeverity.Error);
            var linux = model.LinuxVersion;
            Assert.True(linux is not null, $"no linux/version.h read from {string.Join(", ", directories)}");
            Assert.Equal(version, $"{linux!.Major}.{linux.Minor}");
            // linux-libc-dev's version is the kernel's; the cross package's follows cross-toolchain-base (5.10.13-1cross4 holds
            // 5.10.19's headers), so only its release is held to the version above.
            if (!directories[0].EndsWith("-linux-gnu/include", StringComparison.Ordinal))
                Assert.Equal(PackageVersion(release, "linux-libc-dev"), $"{linux.Major}.{linux.Minor}.{linux.Sublevel}");
            Assert.StartsWith(directories[0], linux.Path);

            var info = Load(model, arch);
            Assert.Equal(new Version(linux.Major, linux.Minor, linux.Sublevel), info.GetProperty("LinuxVersion")!.GetValue(null));
            Assert.Equal(arch.Name, info.GetField("Arch")!.GetValue(null));
            Assert.Equal(model.Files.ToArray(), (IReadOnlyList<string>)info.GetProperty("Files")!.GetValue(null)!);
            Assert.Equal(linux.Path, info.GetProperty("LinuxVersionFile")!.GetValue(null));
            Assert.Contains($"\"linux_version\": \"{linux.Major}.{linux.Minor}.{linux.Sublevel}\"", System.Text.Encoding.UTF8.GetString(ModelJson.ToUtf8(model)));
        }
    }

    [Fact]
    public void WithoutVersionHTheVersionIsNullAndThereIsNoDiagnostic()
    {
        var files = new InMemoryHeaderFiles(new Dictionary<string, string> { ["/inc/linux/kvm.h"] = "#define KVM_API_VERSION 12\n" });

        var model = HeaderFrontEnd.Read(new HeaderRequest(TargetArch.X86_64, new[] { "/inc" }), files);

        Assert.Null(model.LinuxVersion);
        Assert.Empty(model.Diagnostics);
        var info = Load(model, TargetArch.X86_64);
        Assert.Null(info.GetProperty("LinuxVersion")!.GetValue(null));
        Assert.Null(info.GetProperty("LinuxVersionCode")!.GetValue(null));
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("#define LINUX_VERSION_CODE\n", null)]
    [InlineData("#define LINUX_VERSION_CODE 99999999999999999999\n", null)]
    [InlineData("#define LINUX_VERSION_CODE KERNEL_VERSION(6, 1, 0)\n", null)]
    [InlineData("#define LINUX_VERSION_CODE 264515\n", "4.9.67")]                       // 4.9.x: only the code
    [InlineData("#define LINUX_VERSION_CODE 264703\n#define LINUX_VERSION_MAJOR 4\n#define LINUX_VERSION_PATCHLEVEL 9\n#define LINUX_VERSION_SUBLEVEL 337\n", "4.9.337")] // sublevel over 255
    [InlineData("\u0000\u00ff#define\r\n#  define   LINUX_VERSION_CODE   396288  \r\n", "6.12.0")]
    public void OddVersionHeadersGiveAVersionOrNullNeverAnException(string text, string? expected)
    {
        var files = new InMemoryHeaderFiles(new Dictionary<string, string>
        {
            ["/inc/linux/kvm.h"] = "#define KVM_API_VERSION 12\n",
            ["/inc/linux/version.h"] = text,
        });

        var model = HeaderFrontEnd.Read(new HeaderRequest(TargetArch.X86_64, new[] { "/inc/" }), files);

        Assert.Equal(expected, model.LinuxVersion?.ToString());
        Load(model, TargetArch.X86_64);
    }

    [Fact]
    public void TheModelComparesTheVersion()
    {
        var one = new InMemoryHeaderFiles(new Dictionary<string, string> { ["/i/linux/kvm.h"] = "", ["/i/linux/version.h"] = "#define LINUX_VERSION_CODE 1\n" });
        var two = new InMemoryHeaderFiles(new Dictionary<string, string> { ["/i/linux/kvm.h"] = "", ["/i/linux/version.h"] = "#define LINUX_VERSION_CODE 2\n" });
        var request = new HeaderRequest(TargetArch.X86_64, new[] { "/i" });

        Assert.Equal(HeaderFrontEnd.Read(request, one), HeaderFrontEnd.Read(request, one));
        Assert.NotEqual(HeaderFrontEnd.Read(request, one), HeaderFrontEnd.Read(request, two));
    }

    private static Type Load(Generator.Model.HeaderModel model, TargetArch arch)
    {
        var sources = BindingsEmitter.Emit(model, new EmitOptions("Info.Test")).ToArray();
        Assert.Contains(sources, s => s.HintName == HeaderInfoEmitter.HintName);
        var compilation = GeneratedCompilation.Create(sources, ReferenceSet.Net100);
        Assert.Empty(GeneratedCompilation.Problems(compilation));
        var assembly = GeneratedCompilation.Load(sources);
        return assembly.GetType("Info.Test.KvmHeaderInfo", throwOnError: true)!;
    }

    /// <summary>The upstream version of <paramref name="package"/> as .ci/kernels downloaded it (<c>linux-libc-dev_6.1.176-1_amd64.deb</c>: 6.1.176).</summary>
    private static string PackageVersion(KernelRelease release, string package)
    {
        var names = File.ReadAllLines(Path.Combine(release.Folder, "packages"));
        var deb = names.Single(n => n.StartsWith(package + "_", StringComparison.Ordinal));
        return Regex.Match(deb, @"^[^_]+_(\d+\.\d+\.\d+)").Groups[1].Value;
    }
}
