using KvmSharp.Generator.FrontEnd.Targets;
using KvmSharp.Generator.FrontEnd;
using KvmSharp.Generator;
using KvmSharp.Tests.Analyzers;
using Xunit;

namespace KvmSharp.Tests.Packaging;

/// <summary>
/// A project of the package built for arm64 on a patched header (the lock-memslot RFC's uAPI lines inserted into the
/// Debian arm64 kvm.h): the contract of the new capability reaches the user as a compiler error, at the line, and
/// an .editorconfig line turns it into a warning, as for any other diagnostic.
/// </summary>
[Collection(PackagingCollection.Name)]
public sealed class PatchedHeaderProjectTests(LocalFeed feed)
{
    // KVM_ARM_LOCK_USER_MEMORY_REGION_FLAGS_LOCK needs KVM_ARM_LOCK_MEM_READ in args[1]: KVM0001, an error by default.
    private const string Id = "KVM0001";
    private const int EnableCapLine = 8;
    private const string LockWithoutRead = """
        using KvmSharp;

        using var kvm = KvmSystem.Open();
        using var vm = kvm.CreateVm();
        if (vm.CheckExtension(KvmCapability.ArmLockUserMemoryRegion) != 0)
        {
            // LOCK without READ: the kernel would answer EINVAL.
            vm.EnableCap(KvmCapability.ArmLockUserMemoryRegion, (uint)KvmConstants.KVM_ARM_LOCK_USER_MEMORY_REGION_FLAGS_LOCK, 0, 0);
        }
        """;

    [Fact]
    public void LockWithoutReadFailsTheBuildAtItsLineUntilEditorconfigDowngradesIt()
    {
        var project = feed.NewConsoleProject("LockMemslot");
        File.WriteAllText(Path.Combine(project, "Program.cs"), LockWithoutRead);
        var include = WritePatchedHeader(Path.Combine(project, "..", "patched-include"));
        string[] arm64 = ["build", "-p:KvmTargetArch=arm64", $"-p:KvmIncludeDirectories={include}"];

        var failed = feed.Dotnet(project, arm64);

        Assert.True(failed.ExitCode != 0, failed.Describe());
        Assert.Contains($"Program.cs({EnableCapLine},", failed.Output);
        Assert.Contains($"error {Id}:", failed.Output);
        Assert.Contains("must contain KVM_ARM_LOCK_MEM_READ", failed.Output);

        File.WriteAllText(Path.Combine(project, ".editorconfig"), $"root = true\n\n[*.cs]\ndotnet_diagnostic.{Id}.severity = warning\n");
        var passed = feed.Dotnet(project, arm64).Succeeded();

        Assert.Contains($"Program.cs({EnableCapLine},", passed.Output);
        Assert.Contains($"warning {Id}:", passed.Output);
        Assert.DoesNotContain($"error {Id}", passed.Output);
    }

    /// <summary>
    /// Copies the Debian arm64 headers that linux/kvm.h includes to <paramref name="folder"/> and inserts the patch's
    /// lines into its kvm.h (<see cref="PatchedArm64Header.Insert"/>: the capability one above the highest).
    /// </summary>
    internal static string WritePatchedHeader(string folder)
    {
        var arch = TargetArch.Arm64;
        var include = arch.DefaultIncludeDirectories[0];
        var real = HeaderFrontEnd.Read(new HeaderRequest(arch, arch.DefaultIncludeDirectories), DiskHeaderFiles.Instance);
        Assert.True(real.Files.Count > 5, $"the arm64 headers are not installed: {arch.InstallHint("see README")}");
        foreach (var file in real.Files)
        {
            var target = Path.Combine(folder, Path.GetRelativePath(include, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        var kvm = Path.Combine(folder, "linux", "kvm.h");
        File.WriteAllText(kvm, PatchedArm64Header.Insert(File.ReadAllText(kvm)));
        return Path.GetFullPath(folder);
    }
}
