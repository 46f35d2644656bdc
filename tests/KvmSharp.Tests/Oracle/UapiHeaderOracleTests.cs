using KvmSharp.Cli;
using KvmSharp.Generator.FrontEnd;
using KvmSharp.Generator.FrontEnd.Targets;
using Xunit;
using Xunit.Abstractions;

namespace KvmSharp.Tests.Oracle;

/// <summary>
/// The headers a VMM chooses with <c>KvmUapiHeader</c>, each read as the generator reads it (its include-first headers,
/// then itself) and judged by clang-14 on x86_64 and arm64: clang reads a file that includes the same headers in the
/// same order (what <c>-include</c> does), and every constant, record, bitfield, enum, typedef and ioctl of the model
/// must be what clang says.
/// </summary>
public sealed class UapiHeaderOracleTests(ITestOutputHelper output)
{
    public static TheoryData<string, string, string> Set
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (var arch in new[] { TargetArch.X86_64, TargetArch.Arm64 })
            {
                foreach (var header in new[] { "linux/vhost.h", "linux/vhost_types.h", "linux/vfio.h", "linux/virtio_net.h", "linux/virtio_blk.h",
                             "linux/virtio_ring.h", "linux/virtio_config.h", "linux/virtio_gpu.h", "linux/virtio_scsi.h", "linux/vduse.h" })
                    data.Add(arch.Name, header, "");
                foreach (var header in new[] { "linux/userfaultfd.h", "linux/if_tun.h", "linux/psp-sev.h" })
                    data.Add(arch.Name, header, "linux/ioctl.h");
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Set))]
    public void A_chosen_header_is_what_clang_says(string archName, string header, string includeFirst)
    {
        var arch = TargetArch.Find(archName)!;
        var (folders, package) = KvmHeaderOracleTests.DebianHeaders(arch);
        Assert.True(folders.Any(f => File.Exists(Path.Combine(f, header))), $"{header} not found in {string.Join(", ", folders)}: install the Debian package {package}");
        Assert.True(ClangTool.UnavailableReason is null, ClangTool.UnavailableReason);
        string[] first = includeFirst.Length == 0 ? [] : [includeFirst];

        var model = HeaderFrontEnd.Read(new HeaderRequest(arch, folders, header) { IncludeFirst = first }, DiskHeaderFiles.Instance);
        Assert.DoesNotContain(model.Diagnostics, d => d.Severity == KvmSharp.Generator.Model.DiagnosticSeverity.Error);
        Assert.NotEmpty(model.Constants);

        var unit = Directory.CreateTempSubdirectory("kvmsharp-unit-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(unit, "kvmsharp-unit.h"), string.Concat(first.Append(header).Select(h => $"#include <{h}>\n")));
            var report = ClangOracle.Check(model, arch, [unit, .. folders], "kvmsharp-unit.h");
            output.WriteLine($"{header} on {arch.Name}: clang checked {report.FactsChecked} facts, {report.RecordsCompared} record layouts");
            Assert.True(report.Mismatches.Count == 0, report.Describe(50));
            Assert.True(report.FactsChecked > 10, $"only {report.FactsChecked} facts checked");
        }
        finally
        {
            Directory.Delete(unit, recursive: true);
        }
    }
}
