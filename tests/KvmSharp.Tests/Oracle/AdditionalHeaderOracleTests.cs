using KvmSharp.Generator.FrontEnd.Targets;
using KvmSharp.Generator.FrontEnd;
using KvmSharp.Generator;
using Xunit.Abstractions;
using Xunit;

namespace KvmSharp.Tests.Oracle;

/// <summary>
/// <c>KvmAdditionalHeaders</c>: <c>linux/kvm.h</c> and <c>asm/bootparam.h</c> read as one translation unit (what samples/MicroVm
/// builds with), judged by clang-14 as the single header is: clang reads a file that includes the two in the same order,
/// and every constant, record, bitfield, enum, typedef and ioctl of the model must be what clang says.
/// </summary>
public sealed class AdditionalHeaderOracleTests(ITestOutputHelper output)
{
    [Fact]
    public void Kvm_h_then_asm_bootparam_h_is_what_clang_says()
    {
        var arch = TargetArch.X86_64;
        var (folders, package) = KvmHeaderOracleTests.DebianHeaders(arch);
        Assert.True(folders.Any(f => File.Exists(Path.Combine(f, "asm", "bootparam.h"))),
            $"asm/bootparam.h not found in {string.Join(", ", folders)}: install the Debian package {package}");
        Assert.True(ClangTool.UnavailableReason is null, ClangTool.UnavailableReason);

        var model = HeaderFrontEnd.Read(new HeaderRequest(arch, folders) { AdditionalHeaders = ["asm/bootparam.h"] }, DiskHeaderFiles.Instance);
        Assert.Contains(model.Records, r => r.Tag == "boot_params");
        Assert.Contains(model.Records, r => r.Tag == "setup_header");
        Assert.Contains(model.Records, r => r.Tag == "boot_e820_entry");
        Assert.Contains(model.Records, r => r.Tag == "kvm_run");

        // clang's translation unit: the two headers in the generator's order, through one file in a folder searched first.
        var unit = Directory.CreateTempSubdirectory("kvmsharp-unit-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(unit, "kvmsharp-unit.h"), "#include <linux/kvm.h>\n#include <asm/bootparam.h>\n");
            var report = ClangOracle.Check(model, arch, [unit, .. folders], "kvmsharp-unit.h");
            output.WriteLine($"clang checked {report.FactsChecked} facts, {report.RecordsCompared} record layouts");
            Assert.True(report.Mismatches.Count == 0, report.Describe(50));
            Assert.True(report.RecordsCompared > 100, $"only {report.RecordsCompared} record layouts compared");
        }
        finally
        {
            Directory.Delete(unit, recursive: true);
        }
    }

    [Fact]
    public void Ioctls_of_other_drivers_get_no_method_and_no_KVMG0004()
    {
        var (folders, _) = KvmHeaderOracleTests.DebianHeaders(TargetArch.X86_64);
        var model = HeaderFrontEnd.Read(new HeaderRequest(TargetArch.X86_64, folders) { AdditionalHeaders = ["asm/bootparam.h"] }, DiskHeaderFiles.Instance);
        var problems = new List<KvmSharp.Generator.Model.HeaderDiagnostic>();

        var placements = KvmSharp.Generator.FrontEnd.Placement.IoctlPlacer.Place(model, [], KvmSharp.Generator.Facts.IoctlFactTable.BuiltIn, problems);

        // linux/apm_bios.h, which asm/bootparam.h includes, defines APM_IOC_STANDBY as _IO('A', 1): not a KVM request.
        var standby = Assert.Single(model.Ioctls, i => i.Name == "APM_IOC_STANDBY");
        Assert.Equal((uint)'A', standby.Type);
        var placement = Assert.Single(placements, p => p.Name == "APM_IOC_STANDBY");
        Assert.Equal(KvmSharp.Generator.Model.IoctlFds.None, placement.MethodFds);
        Assert.DoesNotContain(problems, p => p.Message.Contains("APM_IOC"));
        // KVM's own keep theirs.
        Assert.NotEqual(KvmSharp.Generator.Model.IoctlFds.None, Assert.Single(placements, p => p.Name == "KVM_RUN").MethodFds);
    }

    [Fact]
    public void A_process_that_reads_with_and_without_additional_headers_keeps_the_two_models_apart()
    {
        // The compiler server reuses a recent read whose header files still give the same answers; the additional
        // headers are part of what was read, so a project without them must not get a model with them, or the reverse.
        var (folders, _) = KvmHeaderOracleTests.DebianHeaders(TargetArch.X86_64);
        var reads = new KvmSharp.Generator.Generation.RecentHeaderReads(4);

        var plain = reads.Read(new HeaderRequest(TargetArch.X86_64, folders), DiskHeaderFiles.Instance);
        var withBootParams = reads.Read(new HeaderRequest(TargetArch.X86_64, folders) { AdditionalHeaders = ["asm/bootparam.h"] }, DiskHeaderFiles.Instance);
        var plainAgain = reads.Read(new HeaderRequest(TargetArch.X86_64, folders), DiskHeaderFiles.Instance);

        Assert.DoesNotContain(plain.Records, r => r.Tag == "boot_params");
        Assert.Contains(withBootParams.Records, r => r.Tag == "boot_params");
        Assert.Same(plain, plainAgain);
    }

    [Fact]
    public void A_missing_additional_header_is_KVMH0010_naming_it()
    {
        var (folders, _) = KvmHeaderOracleTests.DebianHeaders(TargetArch.X86_64);
        var model = HeaderFrontEnd.Read(new HeaderRequest(TargetArch.X86_64, folders) { AdditionalHeaders = ["asm/no-such-header.h"] }, DiskHeaderFiles.Instance);

        var error = Assert.Single(model.Diagnostics, d => d.Id == "KVMH0010");
        Assert.Contains("'asm/no-such-header.h' was not found", error.Message);
        // The main header was still read in full.
        Assert.Contains(model.Ioctls, i => i.Name == "KVM_RUN");
    }
}
