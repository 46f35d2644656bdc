using KvmSharp.Generator.Emission;
using KvmSharp.Generator.FrontEnd.Targets;
using KvmSharp.Generator.FrontEnd;
using KvmSharp.Generator.Generation;
using KvmSharp.Generator;
using Xunit;

namespace KvmSharp.Tests.Generation;

/// <summary>
/// The reads the compiler server reuses from build to build: reused only while every answer the header files gave the
/// front-end is the same, and then equal to what a fresh read gives; read anew after an edit, a shadowing file or a
/// removed one.
/// </summary>
public sealed class RecentHeaderReadsTests
{
    private static readonly TargetArch Arch = TargetArch.X86_64;

    [Fact]
    public void The_same_answers_reuse_the_model_and_its_sources()
    {
        var reads = new RecentHeaderReads(capacity: 4);
        var request = new HeaderRequest(Arch, Arch.DefaultIncludeDirectories);

        var first = reads.Read(request, Files(RealHeaders()));
        var second = reads.Read(request, Files(RealHeaders()));

        Assert.Same(first, second);
        Assert.Equal(HeaderFrontEnd.Read(request, Files(RealHeaders())), second);
        var options = new EmitOptions(RuntimeReferenced: true);
        var emitted = reads.Emit(first, options);
        Assert.Same(emitted.First(), reads.Emit(second, options).First());
        Assert.Equal(BindingsEmitter.Emit(second, options), emitted);
    }

    [Fact]
    public void An_edited_header_is_read_again()
    {
        var reads = new RecentHeaderReads(capacity: 4);
        var request = new HeaderRequest(Arch, Arch.DefaultIncludeDirectories);
        var headers = RealHeaders();
        var before = reads.Read(request, Files(headers));

        var kvm = headers.Keys.Single(p => p.EndsWith("/linux/kvm.h", StringComparison.Ordinal));
        headers[kvm] += "\n#define KVM_CAP_KVMSHARP_REUSE_TEST 9998\n";
        var after = reads.Read(request, Files(headers));

        Assert.NotSame(before, after);
        Assert.DoesNotContain(before.Constants, c => c.Name == "KVM_CAP_KVMSHARP_REUSE_TEST");
        Assert.Contains(after.Constants, c => c.Name == "KVM_CAP_KVMSHARP_REUSE_TEST");
        Assert.Equal(HeaderFrontEnd.Read(request, Files(headers)), after);
    }

    [Fact]
    public void A_file_that_appears_earlier_in_the_include_order_is_read()
    {
        // A patched folder listed first, empty at first: its kvm.h, once there, wins over the distribution's.
        var reads = new RecentHeaderReads(capacity: 4);
        const string Patched = "/kvmsharp-test-patched";
        var request = new HeaderRequest(Arch, [Patched, .. Arch.DefaultIncludeDirectories]);
        var headers = RealHeaders();
        var before = reads.Read(request, Files(headers));

        var kvm = headers.Single(h => h.Key.EndsWith("/linux/kvm.h", StringComparison.Ordinal));
        headers[Patched + "/linux/kvm.h"] = kvm.Value + "\n#define KVM_CAP_KVMSHARP_PATCHED 9997\n";
        var after = reads.Read(request, Files(headers));

        Assert.DoesNotContain(before.Constants, c => c.Name == "KVM_CAP_KVMSHARP_PATCHED");
        Assert.Contains(after.Constants, c => c.Name == "KVM_CAP_KVMSHARP_PATCHED");
        Assert.Contains(Patched + "/linux/kvm.h", after.Files);

        // And when it goes away again, the distribution's is read (the earlier read, whose answers hold once more).
        headers.Remove(Patched + "/linux/kvm.h");
        var again = reads.Read(request, Files(headers));
        Assert.Same(before, again);
    }

    [Fact]
    public void Capacity_bounds_what_is_kept()
    {
        var reads = new RecentHeaderReads(capacity: 1);
        var headers = RealHeaders();
        var x86 = new HeaderRequest(Arch, Arch.DefaultIncludeDirectories);
        var other = new HeaderRequest(Arch, ["/kvmsharp-test-empty", .. Arch.DefaultIncludeDirectories]);

        var first = reads.Read(x86, Files(headers));
        reads.Read(other, Files(headers));
        var again = reads.Read(x86, Files(headers));

        Assert.NotSame(first, again);
        Assert.Equal(first, again);
    }

    // The files x86_64's kvm.h reads, from disk, keyed by path as the AdditionalFiles give them.
    private static Dictionary<string, string> RealHeaders()
    {
        var model = HeaderFrontEnd.Read(new HeaderRequest(Arch, Arch.DefaultIncludeDirectories), DiskHeaderFiles.Instance);
        Assert.True(model.Files.Count > 5, $"the x86_64 headers are not installed: {Arch.InstallHint("see README")}");
        return model.Files.ToDictionary(f => f, File.ReadAllText, StringComparer.Ordinal);
    }

    // A new object for every build, with new strings: what one build's AdditionalFiles are to the next.
    private static InMemoryHeaderFiles Files(Dictionary<string, string> headers)
        => new(headers.ToDictionary(h => h.Key, h => new string(h.Value.AsSpan()), StringComparer.Ordinal));
}
