using KvmSharp.Generator.FrontEnd.Targets;
using KvmSharp.Generator.FrontEnd;
using KvmSharp.Generator.Model;
using KvmSharp.Generator;
using Xunit.Abstractions;
using Xunit;

namespace KvmSharp.Tests.Oracle;

/// <summary>
/// The real <c>linux/kvm.h</c> of every target, as Debian installs it, read by the front-end and judged by
/// clang-14 for that target: every constant, record, member, bitfield, enum, typedef and ioctl of the model
/// must be what clang says, and the model must hold every one clang has. The cross headers come from the
/// linux-libc-dev-*-cross packages, which CI installs; a missing one fails with the package to install.
/// </summary>
public sealed class KvmHeaderOracleTests
{
    private const string Header = "linux/kvm.h";
    private readonly ITestOutputHelper output;

    public KvmHeaderOracleTests(ITestOutputHelper output) => this.output = output;

    public static TheoryData<string> Targets => new() { "x86_64", "arm64", "riscv64", "ppc64le", "s390x" };

    /// <summary>Debian's folders for a target's uAPI headers, and the package that installs them.</summary>
    internal static (string[] Folders, string Package) DebianHeaders(TargetArch arch)
    {
        if (arch == TargetArch.X86_64)
            return (new[] { "/usr/include", "/usr/include/x86_64-linux-gnu" }, "linux-libc-dev");
        var package = arch.Name switch
        {
            "ppc64le" => "linux-libc-dev-ppc64el-cross",
            _ => $"linux-libc-dev-{arch.Name}-cross",
        };
        return (new[] { $"/usr/{arch.DebianTriple}/include" }, package);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void The_model_of_linux_kvm_h_is_what_clang_says(string target)
    {
        var arch = TargetArch.Find(target)!;
        var (folders, package) = DebianHeaders(arch);
        Assert.True(folders.Any(f => File.Exists(Path.Combine(f, Header))),
            $"{Header} for {arch.Name} not found in {string.Join(", ", folders)}: install the Debian package {package}");
        Assert.True(folders.Any(f => File.Exists(Path.Combine(f, "asm", "kvm.h"))),
            $"asm/kvm.h for {arch.Name} not found in {string.Join(", ", folders)}: install the Debian package {package}");
        Assert.True(ClangTool.UnavailableReason is null, ClangTool.UnavailableReason);

        var model = HeaderFrontEnd.Read(new HeaderRequest(arch, folders, Header), DiskHeaderFiles.Instance);
        AgreesWithClang(model, arch, folders, output);
    }

    /// <summary>
    /// Holds <paramref name="model"/>, read from <paramref name="folders"/>, to clang for <paramref name="arch"/>: no
    /// front-end error, enough of the header read that agreement means something, and no mismatch. Shared with the
    /// version matrix (Kernels/ReleaseOracleTests), which reads each kernel release's headers.
    /// </summary>
    internal static OracleReport AgreesWithClang(HeaderModel model, TargetArch arch, IReadOnlyList<string> folders, ITestOutputHelper output)
    {
        var errors = model.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, $"{errors.Count} errors reading {Header} for {arch.Name}:\n  " + string.Join("\n  ", errors.Take(50)));
        Assert.Equal(arch.Name, model.Arch);
        Assert.Equal(arch.IsBigEndian, model.IsBigEndian);
        Assert.Equal(arch.CharIsSigned, model.CharIsSigned);

        var report = ClangOracle.Check(model, arch, folders, Header);
        output.WriteLine($"{arch.Name}: {model.Constants.Count} constants, {model.NonConstants.Count} non-constants, " +
            $"{model.Records.Count} records, {model.Enums.Count} enums, {model.Typedefs.Count} typedefs, {model.Ioctls.Count} ioctls; " +
            $"clang checked {report.FactsChecked} facts, {report.RecordsCompared} record layouts, {report.MacrosClassified} macros");
        Assert.True(report.Mismatches.Count == 0, $"{arch.Name}: {report.Describe(50)}");

        // Enough of the header was read that agreement means something. 50 ioctls and records, not 100: from 6.10 on,
        // linux/kvm.h still names other arches' ioctls but their structs moved to those arches' asm/kvm.h, so arm64
        // 6.12 has 88 ioctls and 70 records clang can size (and the oracle above found the model has every one).
        Assert.True(model.Constants.Count > 400, $"only {model.Constants.Count} constants");
        Assert.True(model.Ioctls.Count > 50, $"only {model.Ioctls.Count} ioctls");
        Assert.True(model.Records.Count > 50, $"only {model.Records.Count} records");
        Assert.Contains(model.Records, r => r.Tag == "kvm_run");
        Assert.Contains(model.Ioctls, i => i.Name == "KVM_RUN");
        Assert.True(report.FactsChecked > 4000, $"only {report.FactsChecked} facts checked");
        Assert.True(report.RecordsCompared > 100, $"only {report.RecordsCompared} record layouts compared");
        Assert.True(report.MacrosClassified > 500, $"only {report.MacrosClassified} macros classified");
        return report;
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void The_targets_predefined_macros_are_clangs(string target)
    {
        Assert.True(ClangTool.UnavailableReason is null, ClangTool.UnavailableReason);
        var mismatches = new List<string>();
        PredefinedMacroCheck.Compare(TargetArch.Find(target)!, mismatches);
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }
}
