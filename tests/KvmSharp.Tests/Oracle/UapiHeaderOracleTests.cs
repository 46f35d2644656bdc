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
/// <remarks>
/// <c>linux/virtio_ring.h</c> (and so <c>vhost.h</c> and <c>vhost_types.h</c>, which include it) includes the C library's
/// <c>stdint.h</c> outside <c>__KERNEL__</c>; on arm64 the cross folder has no C library, and the front-end's built-in
/// <c>stdint.h</c> stands where clang's own does. For those three headers only what the uAPI's own files define must
/// agree: the C library's and the compiler headers' mismatches (locations inside glibc's macros, the compilers' helper
/// macros, which differ by design) are printed, not judged.
/// </remarks>
public sealed class UapiHeaderOracleTests(ITestOutputHelper output)
{
    public static TheoryData<string, string, string> Set
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (var arch in new[] { TargetArch.X86_64, TargetArch.Arm64 })
            {
                foreach (var header in ReachTheCLibrary)
                    data.Add(arch.Name, header, "");
                foreach (var header in new[] { "linux/vfio.h", "linux/virtio_net.h", "linux/virtio_blk.h",
                             "linux/virtio_config.h", "linux/virtio_gpu.h", "linux/virtio_scsi.h", "linux/vduse.h" })
                    data.Add(arch.Name, header, "");
                foreach (var header in new[] { "linux/userfaultfd.h", "linux/if_tun.h", "linux/psp-sev.h" })
                    data.Add(arch.Name, header, "linux/ioctl.h");
            }
            return data;
        }
    }

    internal static readonly string[] ReachTheCLibrary = ["linux/vhost.h", "linux/vhost_types.h", "linux/virtio_ring.h"];

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

        var mismatches = Mismatches(model, arch, folders, header, first, output);
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches.Take(50)));
    }

    /// <summary>
    /// What clang-14 says otherwise of <paramref name="model"/>, read from <paramref name="header"/> after
    /// <paramref name="first"/>: every mismatch, but the C library's for a header that reaches it (printed instead).
    /// </summary>
    internal static IReadOnlyList<string> Mismatches(KvmSharp.Generator.Model.HeaderModel model, TargetArch arch, IReadOnlyList<string> folders,
        string header, string[] first, ITestOutputHelper output)
    {
        var unit = Directory.CreateTempSubdirectory("kvmsharp-unit-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(unit, "kvmsharp-unit.h"), string.Concat(first.Append(header).Select(h => $"#include <{h}>\n")));
            // clang's own headers after the folders, where the front-end searches its built-in ones.
            var report = ClangOracle.Check(model, arch, [unit, .. folders, ClangTool.ResourceIncludeDirectory], "kvmsharp-unit.h");
            output.WriteLine($"{header} on {arch.Name}: clang checked {report.FactsChecked} facts, {report.RecordsCompared} record layouts");
            Assert.True(report.FactsChecked > 10, $"{header}: only {report.FactsChecked} facts checked");
            IReadOnlyList<string> mismatches = report.Mismatches;
            if (ReachTheCLibrary.Contains(header))
            {
                var libc = mismatches.Where(m => !InUapi(model, m)).ToList();
                foreach (var mismatch in libc)
                    output.WriteLine("C library or compiler header, not judged: " + mismatch);
                mismatches = mismatches.Except(libc).ToList();
            }
            return mismatches.Select(m => $"{header}: {m}").ToList();
        }
        finally
        {
            Directory.Delete(unit, recursive: true);
        }
    }

    // "constant: NAME: ..." or "location: NAME: ...": whether the model has NAME from a file of the uAPI (linux/, asm/,
    // asm-generic/); a name the model does not have counts as the uAPI's, so that nothing is excused by not being found.
    private static bool InUapi(KvmSharp.Generator.Model.HeaderModel model, string mismatch)
    {
        var parts = mismatch.Split(": ");
        if (parts.Length < 2)
            return true;
        var name = parts[1];
        var file = model.Constants.FirstOrDefault(c => c.Name == name)?.Location.File
            ?? model.NonConstants.FirstOrDefault(c => c.Name == name)?.Location.File
            ?? model.Records.FirstOrDefault(r => r.Tag == name || r.TypedefName == name)?.Location.File
            ?? model.Typedefs.FirstOrDefault(t => t.Name == name)?.Location.File;
        if (file is null)
            return !DefinedByClangsOwnHeaders(name);
        return file.Contains("/linux/", StringComparison.Ordinal) || file.Contains("/asm/", StringComparison.Ordinal)
            || file.Contains("/asm-generic/", StringComparison.Ordinal);
    }

    // A macro only clang's resource headers define (its stdint.h's __int_least64_t ...): the front-end's built-in headers
    // are its own text and define other helpers.
    private static bool DefinedByClangsOwnHeaders(string name)
        => ClangResourceText.Value.Contains("define " + name + " ", StringComparison.Ordinal)
           || ClangResourceText.Value.Contains("define " + name + "\n", StringComparison.Ordinal)
           || ClangResourceText.Value.Contains("define " + name + "(", StringComparison.Ordinal);

    private static readonly Lazy<string> ClangResourceText = new(() => string.Join("\n",
        new[] { "stdint.h", "stddef.h", "limits.h", "stdarg.h", "stdbool.h", "__stddef_max_align_t.h" }
            .Select(f => Path.Combine(ClangTool.ResourceIncludeDirectory, f)).Where(File.Exists).Select(File.ReadAllText)));
}
