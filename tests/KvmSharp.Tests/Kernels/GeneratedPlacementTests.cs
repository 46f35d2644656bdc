using KvmSharp.Cli.ApiRst;
using KvmSharp.Generator.Facts;
using KvmSharp.Generator.Model;
using KvmSharp.Generator.FrontEnd.Targets;
using Xunit;
using Xunit.Abstractions;

namespace KvmSharp.Tests.Kernels;

/// <summary>
/// The typed methods generated from each release, judged by that release's own api.rst: every ioctl it documents
/// for the target, and the header defines, has methods on exactly the fds its <c>:Type:</c> lines name, and one it
/// documents only for other architectures has none. Where api.rst is wrong the fact table says so in its SOURCE
/// ("api.rst ... says") and the kernel's dispatchers, checked by <see cref="IoctlFactDispatchTests"/>, decide; a
/// section a newer release's api.rst corrected (KVM_GET_DEBUGREGS was a "vm ioctl" until 7.2) is judged by the newest.
/// </summary>
public sealed class GeneratedPlacementTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(KernelRelease.WithX86AndArm64), MemberType = typeof(KernelRelease))]
    public void Every_documented_ioctl_has_methods_on_exactly_its_documented_fds(string version, string archName)
    {
        var arch = TargetArch.Find(archName)!;
        var release = KernelRelease.Get(version);
        var document = ReleaseApiRst.Load(release);
        var newest = ReleaseApiRst.Load(KernelRelease.Get(KernelRelease.All[^1].Version));
        var defined = ReleaseHeaders.Ioctls(release, arch);
        var surface = ApiSurface.Of(release, arch);
        var placed = new Dictionary<string, IoctlFds>(StringComparer.Ordinal);
        foreach (var method in surface.Methods)
        {
            if (FdOf(method.Type) is not { } fd)
                continue;
            // A method issues its own ioctl; CreateVcpu also reads KVM_GET_VCPU_MMAP_SIZE, which is not a method of the VM fd.
            foreach (var ioctl in OwnIoctls(method))
                placed[ioctl] = (placed.TryGetValue(ioctl, out var fds) ? fds : IoctlFds.None) | IoctlFdSets.Of(fd);
        }

        var mismatches = new List<string>();
        var judged = 0;
        var corrected = 0;
        foreach (var section in document.Sections)
        {
            foreach (var name in section.Names.Where(defined.Contains))
            {
                var expected = Documented(section, arch);
                var fact = IoctlFactTable.BuiltIn.Find(name);
                if (fact is not null && expected != Handled(fact, arch)
                    && (fact.Source.Contains("says", StringComparison.Ordinal) || (newest.ByName.TryGetValue(name, out var now) && Documented(now, arch) == Handled(fact, arch))))
                {
                    expected = Handled(fact, arch);
                    corrected++;
                }
                var actual = placed.TryGetValue(name, out var fds) ? fds : IoctlFds.None;
                judged++;
                if (actual != expected)
                    mismatches.Add($"{name} (api.rst {section.Number}, line {section.Line}): documented {expected}, methods on {actual}");
            }
        }

        output.WriteLine($"{release}, {arch.Name}: {judged} documented ioctls judged, {corrected} by the table's correction of api.rst, " +
            $"{placed.Count} ioctls with methods, {surface.Methods.Count} public methods");
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} ioctls are not where api.rst {release.Version} puts them for {arch.Name}:\n  " + string.Join("\n  ", mismatches));
        Assert.True(judged > 70, $"only {judged} documented ioctls were judged");
    }

    // The fds of the :Type: lines whose :Architectures: take the target; a section without any (4.81) takes every target.
    private static IoctlFds Documented(ApiRstSection section, TargetArch arch)
        => section.Usages.Where(u => u.ArchitecturesText is null || u.Arches.Contains(arch.Name)).Aggregate(IoctlFds.None, (all, u) => all | u.Fds);

    // The ioctl a method is named after (KVM_CREATE_VCPU for CreateVcpu and TryCreateVcpu), when its body reads several.
    private static IEnumerable<string> OwnIoctls(ApiMethod method)
    {
        if (method.Ioctls.Count <= 1)
            return method.Ioctls;
        var head = method.Signature[..method.Signature.IndexOf('(')];
        var name = head[(head.LastIndexOf(' ') + 1)..];
        name = name.StartsWith("Try", StringComparison.Ordinal) ? name[3..] : name;
        return method.Ioctls.Where(i => string.Concat(i.Split('_').Skip(1).Select(w => w[..1] + w[1..].ToLowerInvariant())) == name);
    }

    private static IoctlFds Handled(IoctlFact fact, TargetArch arch) => fact.FdsOn(arch);

    private static IoctlScope? FdOf(string type) => type switch
    {
        "global::KvmSharp.KvmSystemIoctls" => IoctlScope.System,
        "global::KvmSharp.KvmVmIoctls" => IoctlScope.Vm,
        "global::KvmSharp.KvmVcpuIoctls" => IoctlScope.Vcpu,
        "global::KvmSharp.KvmDeviceIoctls" => IoctlScope.Device,
        _ => null,
    };
}
