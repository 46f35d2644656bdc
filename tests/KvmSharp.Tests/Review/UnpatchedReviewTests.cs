using KvmSharp.Cli.Review;
using KvmSharp.Generator.Targets;
using KvmSharp.Tests.Kernels;
using Xunit;
using Xunit.Abstractions;

namespace KvmSharp.Tests.Review;

public sealed class UnpatchedReviewTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(KernelRelease.WithX86AndArm64), MemberType = typeof(KernelRelease))]
    public void Explore(string version, string archName)
    {
        var release = KernelRelease.Get(version);
        var arch = TargetArch.Find(archName)!;
        var folders = release.IncludeDirectories(arch);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var other = release.IncludeDirectories(arch == TargetArch.Arm64 ? TargetArch.X86_64 : TargetArch.Arm64);
        var status = ReviewCommand.Run(new ReviewOptions(arch, folders, release.ApiRst, folders, other), stdout, stderr);
        output.WriteLine(stdout.ToString());
        output.WriteLine(stderr.ToString());
    }
}
