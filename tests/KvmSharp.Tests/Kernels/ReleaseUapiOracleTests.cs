using KvmSharp.Cli;
using KvmSharp.Generator.FrontEnd;
using KvmSharp.Generator.FrontEnd.Targets;
using KvmSharp.Tests.Oracle;
using Xunit;
using Xunit.Abstractions;

namespace KvmSharp.Tests.Kernels;

/// <summary>
/// The clang oracle of <see cref="UapiHeaderOracleTests"/> on every release of the version matrix, for x86_64 and arm64:
/// each header of the set that the release has (iommufd.h from 6.2 on), read as a <c>KvmUapiHeader</c> item reads it.
/// The headers that reach the C library are left out: a release's folders have none (see <see cref="UapiHeaderOracleTests"/>).
/// </summary>
public sealed class ReleaseUapiOracleTests(ITestOutputHelper output)
{
    private static readonly (string Header, string[] IncludeFirst)[] Set =
    [
        ("linux/vfio.h", []), ("linux/iommufd.h", []), ("linux/virtio_net.h", []), ("linux/virtio_blk.h", []), ("linux/virtio_config.h", []),
        ("linux/virtio_gpu.h", []), ("linux/virtio_scsi.h", []), ("linux/vduse.h", []),
        ("linux/userfaultfd.h", ["linux/ioctl.h"]), ("linux/if_tun.h", ["linux/ioctl.h"]), ("linux/psp-sev.h", ["linux/ioctl.h"]),
    ];

    [Theory]
    [MemberData(nameof(KernelRelease.WithX86AndArm64), MemberType = typeof(KernelRelease))]
    public void Each_chosen_header_of_each_release_is_what_clang_says(string version, string archName)
    {
        var release = KernelRelease.Get(version);
        var arch = TargetArch.Find(archName)!;
        Assert.True(release.Has(arch), $"kernel {release} has no asm/kvm.h for {arch.Name} under {release.Root}: run .ci/kernels again");
        Assert.True(ClangTool.UnavailableReason is null, ClangTool.UnavailableReason);
        var folders = release.IncludeDirectories(arch);

        var mismatches = new List<string>();
        var read = 0;
        foreach (var (header, first) in Set)
        {
            if (!folders.Any(f => File.Exists(Path.Combine(f, header))))
            {
                output.WriteLine($"{header}: not in kernel {release}");
                continue;
            }
            var model = HeaderFrontEnd.Read(new HeaderRequest(arch, folders, header) { IncludeFirst = first }, DiskHeaderFiles.Instance);
            mismatches.AddRange(model.Diagnostics.Where(d => d.Severity == KvmSharp.Generator.Model.DiagnosticSeverity.Error).Select(d => $"{header}: {d}"));
            mismatches.AddRange(UapiHeaderOracleTests.Mismatches(model, arch, folders, header, first, output));
            read++;
        }
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches.Take(50)));
        Assert.True(read >= 9, $"only {read} headers of the set in kernel {release}");
    }
}
