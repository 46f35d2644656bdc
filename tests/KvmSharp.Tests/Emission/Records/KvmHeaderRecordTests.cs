using KvmSharp.Generator.Emission;
using KvmSharp.Generator.FrontEnd.Targets;
using KvmSharp.Generator.FrontEnd;
using KvmSharp.Generator.Model;
using KvmSharp.Generator;
using Xunit.Abstractions;
using Xunit;

namespace KvmSharp.Tests.Emission.Records;

/// <summary>The records of the real linux/kvm.h: generated C#, compiled and loaded, against clang-14.</summary>
public sealed class KvmHeaderRecordTests(ITestOutputHelper output)
{
    public static TheoryData<string> Arches => new() { "x86_64", "arm64" };

    [Theory]
    [MemberData(nameof(Arches))]
    public void Generated_records_compile_without_warnings(string arch)
    {
        var (model, _, _) = Read(arch);
        RecordAssertions.CompilesCleanly(model);
        RecordAssertions.CompilesCleanly(model, new EmitOptions("Consumer.Kvm", Public: true));
    }

    [Theory]
    [MemberData(nameof(Arches))]
    public void Generated_records_lay_out_as_clang_does(string arch)
    {
        var (model, target, includes) = Read(arch);
        var report = RecordAssertions.ClangAgrees(model, target, includes, "linux/kvm.h");
        output.WriteLine($"{arch}: {report.Records} records, {report.Members} members, {report.Bitfields} bitfields checked against clang-14");
        Assert.True(report.Records >= model.Records.Count - 1, $"{report.Records} of {model.Records.Count} records checked");
    }

    [Fact]
    public void Kvm_run_reaches_its_anonymous_union_members()
    {
        var (model, _, _) = Read("x86_64");
        var text = RecordSources.Text(model);
        Assert.Contains("public ref global::KvmSharp.KvmRun.AnonymousUnion.IoStruct Io => ref Anonymous.Io;", text);
        Assert.Contains("public global::System.Span<global::KvmSharp.KvmMsrEntry> Entries(int count) => Anonymous.Entries(count);", text);
    }

    private static (HeaderModel Model, TargetArch Arch, string[] Includes) Read(string arch)
    {
        var (target, includes) = arch == "x86_64"
            ? (TargetArch.X86_64, new[] { "/usr/include", "/usr/include/x86_64-linux-gnu" })
            : (TargetArch.Arm64, new[] { "/usr/aarch64-linux-gnu/include" });
        var model = HeaderFrontEnd.Read(new HeaderRequest(target, includes), DiskHeaderFiles.Instance);
        Assert.DoesNotContain(model.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        return (model, target, includes);
    }
}
