using System.Collections.Concurrent;
using KvmSharp.Cli.Diff;
using KvmSharp.Generator.FrontEnd.Targets;
using KvmSharp.Generator.FrontEnd;
using KvmSharp.Generator.Model;
using KvmSharp.Generator;
using KvmSharp.Tests.Kernels;
using Xunit;

namespace KvmSharp.Tests.Diff;

/// <summary>The models of the releases' headers and the diff between consecutive ones, each read once per test run.</summary>
internal static class ReleaseDiffs
{
    private static readonly ConcurrentDictionary<(string, string), HeaderModel> Models = new();

    /// <summary>Consecutive releases of the matrix crossed with x86_64 and arm64, for <c>[MemberData]</c>.</summary>
    public static TheoryData<string, string, string> Steps
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            for (var i = 0; i + 1 < KernelRelease.All.Count; i++)
            {
                foreach (var arch in new[] { TargetArch.X86_64, TargetArch.Arm64 })
                    data.Add(KernelRelease.All[i].Version, KernelRelease.All[i + 1].Version, arch.Name);
            }
            return data;
        }
    }

    public static HeaderModel Model(KernelRelease release, TargetArch arch)
        => Models.GetOrAdd((release.Version, arch.Name),
            _ => HeaderFrontEnd.Read(new HeaderRequest(arch, release.IncludeDirectories(arch)), DiskHeaderFiles.Instance));

    public static AbiDiffReport Between(KernelRelease old, KernelRelease @new, TargetArch arch)
        => AbiDiff.Compare(Model(old, arch), Model(@new, arch));
}
