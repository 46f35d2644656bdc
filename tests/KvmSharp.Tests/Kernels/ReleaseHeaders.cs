using System.Collections.Concurrent;
using KvmSharp.Generator.FrontEnd.Targets;
using KvmSharp.Generator.FrontEnd;
using KvmSharp.Generator;

namespace KvmSharp.Tests.Kernels;

/// <summary>
/// The ioctls linux/kvm.h (with asm/kvm.h) of a release defines for each target whose headers it has, read by the
/// generator's front end. Reading is slow, so each (release, target) is read once per test run.
/// </summary>
public static class ReleaseHeaders
{
    private static readonly ConcurrentDictionary<(string Version, string Arch), IReadOnlySet<string>> Read = new();

    /// <summary>
    /// The ioctl names of <paramref name="release"/>'s headers for <paramref name="arch"/>, leaving out the
    /// <c>__KVM_DEPRECATED_*</c> placeholders older headers keep for numbers of deleted ioctls: they are reserved
    /// identifiers, not ioctls anyone issues, and the fact table's names are <c>KVM_*</c>.
    /// </summary>
    public static IReadOnlySet<string> Ioctls(KernelRelease release, TargetArch arch)
        => Read.GetOrAdd((release.Version, arch.Name), _ =>
        {
            var model = HeaderFrontEnd.Read(new HeaderRequest(arch, release.IncludeDirectories(arch)), DiskHeaderFiles.Instance);
            return model.Ioctls.Select(i => i.Name).Where(n => !n.StartsWith("__", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        });

    /// <summary>The targets whose headers <paramref name="release"/> has.</summary>
    public static IEnumerable<TargetArch> Targets(KernelRelease release) => TargetArch.All.Where(release.Has);

    /// <summary>Every ioctl any header of <paramref name="release"/> defines.</summary>
    public static IReadOnlySet<string> AllIoctls(KernelRelease release)
        => Targets(release).SelectMany(a => Ioctls(release, a)).ToHashSet(StringComparer.Ordinal);
}
