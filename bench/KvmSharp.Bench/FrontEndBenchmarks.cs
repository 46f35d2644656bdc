using BenchmarkDotNet.Attributes;
using KvmSharp.TestSupport.Mutation;
using KvmSharp.Generator.FrontEnd.Targets;
using KvmSharp.Generator.FrontEnd;
using KvmSharp.Generator.Model;
using KvmSharp.Generator;

namespace KvmSharp.Bench;

/// <summary>
/// A warm read of the real <c>linux/kvm.h</c> set, served from memory so that only the front-end is
/// measured (the cold first read is the <c>coldstart</c> command's job).
/// </summary>
[MemoryDiagnoser]
public class FrontEndBenchmarks
{
    private HeaderRequest x86Request = null!;
    private InMemoryHeaderFiles x86Files = null!;
    private HeaderRequest arm64Request = null!;
    private InMemoryHeaderFiles arm64Files = null!;

    /// <summary>Loads both header sets from disk once and checks the front-end can read them.</summary>
    [GlobalSetup]
    public void LoadHeaders()
    {
        (x86Request, x86Files) = Load(TargetArch.X86_64);
        (arm64Request, arm64Files) = Load(TargetArch.Arm64);
    }

    /// <summary>x86_64: linux/kvm.h with asm/kvm.h and their includes.</summary>
    [Benchmark(Baseline = true)]
    public HeaderModel ReadX86_64() => HeaderFrontEnd.Read(x86Request, x86Files);

    /// <summary>arm64, from the cross headers.</summary>
    [Benchmark]
    public HeaderModel ReadArm64() => HeaderFrontEnd.Read(arm64Request, arm64Files);

    private static (HeaderRequest, InMemoryHeaderFiles) Load(TargetArch arch)
    {
        var set = HeaderSetLoader.Load(arch);
        var files = new InMemoryHeaderFiles(set.Texts());
        // Fail in setup rather than measure an exception path.
        var model = HeaderFrontEnd.Read(set.Request, files);
        if (model.Records.Count == 0)
            throw new InvalidOperationException($"{arch}: the front-end read no record from {set.Main.Path} ({set.Source})");
        return (set.Request, files);
    }
}
