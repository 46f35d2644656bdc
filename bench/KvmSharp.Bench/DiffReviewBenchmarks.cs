using BenchmarkDotNet.Attributes;
using KvmSharp.Cli.Diff;
using KvmSharp.Cli.Review;
using KvmSharp.Generator.FrontEnd.Targets;
using KvmSharp.Generator.FrontEnd;
using KvmSharp.Generator.Model;
using KvmSharp.Generator;

namespace KvmSharp.Bench;

/// <summary>
/// <c>kvmgen diff</c>'s comparison and <c>kvmgen review</c>'s checks on Debian's 6.1 and 6.12 arm64 headers and 6.1's
/// api.rst, from the kernel cache <c>.ci/kernels</c> fills (<c>$KVMSHARP_KERNELS</c>, else <c>~/.cache/kvmsharp/kernels</c>).
/// The headers are read once in setup: the front-end has its own benchmark.
/// </summary>
[MemoryDiagnoser]
public class DiffReviewBenchmarks
{
    private HeaderModel old = null!;
    private HeaderModel @new = null!;
    private string apiRst = null!;
    private string apiRstPath = null!;

    [GlobalSetup]
    public void Load()
    {
        var cache = Environment.GetEnvironmentVariable("KVMSHARP_KERNELS") is { Length: > 0 } set ? set
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "kvmsharp", "kernels");
        old = Read(Path.Combine(cache, "6.1"));
        @new = Read(Path.Combine(cache, "6.12"));
        apiRstPath = Path.Combine(cache, "6.1", "api.rst");
        apiRst = File.ReadAllText(apiRstPath);
    }

    /// <summary>Every constant, ioctl, record and enumerator of 6.1 against 6.12.</summary>
    [Benchmark(Baseline = true)]
    public int Diff() => AbiDiff.Compare(old, @new).Changes.Count;

    /// <summary>api.rst read and every check run on 6.1 against itself.</summary>
    [Benchmark]
    public int Review() => ReviewCommand.Review(new ReviewContext(TargetArch.Arm64, old, old, apiRstPath, apiRst, DiskHeaderFiles.Instance)).Count;

    private static HeaderModel Read(string release)
    {
        var include = Path.Combine(release, "root", "usr", "aarch64-linux-gnu", "include");
        if (!File.Exists(Path.Combine(include, "linux", "kvm.h")))
            throw new InvalidOperationException($"no arm64 headers in {include}: run .ci/kernels");
        return HeaderFrontEnd.Read(new HeaderRequest(TargetArch.Arm64, new[] { include }), DiskHeaderFiles.Instance);
    }
}
