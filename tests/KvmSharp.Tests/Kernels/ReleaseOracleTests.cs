using System.Diagnostics;
using KvmSharp.Generator.FrontEnd.Targets;
using KvmSharp.Generator.FrontEnd;
using KvmSharp.Generator;
using KvmSharp.Tests.Oracle;
using Xunit.Abstractions;
using Xunit;

namespace KvmSharp.Tests.Kernels;

/// <summary>
/// The clang oracle of <see cref="KvmHeaderOracleTests"/> on every release of the version matrix, for x86_64 and
/// arm64 (the two arches every release has headers for): the front-end must read 5.10's header as exactly as
/// the installed one, and 7.2's too, since a user builds against whichever kernel their distribution ships.
/// The time each release takes is written to the test output, never asserted: the machine may be loaded.
/// </summary>
public sealed class ReleaseOracleTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(KernelRelease.WithX86AndArm64), MemberType = typeof(KernelRelease))]
    public void The_model_of_each_releases_header_is_what_clang_says(string version, string archName)
    {
        var release = KernelRelease.Get(version);
        var arch = TargetArch.Find(archName)!;
        Assert.True(release.Has(arch), $"kernel {release} has no asm/kvm.h for {arch.Name} under {release.Root}: run .ci/kernels again");
        Assert.True(ClangTool.UnavailableReason is null, ClangTool.UnavailableReason);
        var folders = release.IncludeDirectories(arch);

        var clock = Stopwatch.StartNew();
        var model = HeaderFrontEnd.Read(new HeaderRequest(arch, folders, "linux/kvm.h"), DiskHeaderFiles.Instance);
        var read = clock.Elapsed;
        output.WriteLine($"kernel {release}, {arch.Name}, from {string.Join(", ", folders)}");
        try
        {
            KvmHeaderOracleTests.AgreesWithClang(model, arch, folders, output);
        }
        finally
        {
            // Also on failure: the timing is what the matrix costs CI either way.
            output.WriteLine($"time: front-end {read.TotalSeconds:F1} s, with the clang oracle {clock.Elapsed.TotalSeconds:F1} s");
        }
    }
}
