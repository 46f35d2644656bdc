using System.Reflection;
using System.Text.RegularExpressions;
using KvmSharp.Generator.Emission.Constants;
using KvmSharp.Generator.FrontEnd.Targets;
using KvmSharp.Tests.Constructs;
using KvmSharp.Tests.Oracle;
using Xunit.Abstractions;
using Xunit;

namespace KvmSharp.Tests.Emission.Constants;

/// <summary>
/// clang-14 confirms what the compiled output says: every constant's value and C type, every enum member's
/// value and type, every ioctl request and its <c>[KvmIoctl]</c> decoding, for the real x86_64 and arm64
/// headers and the small test headers; and <c>KvmCapability</c> holds every <c>KVM_CAP_*</c> clang defines.
/// </summary>
public sealed class ConstantClangTests : IDisposable
{
    private readonly ConstructHeaders headers = new();
    private readonly ITestOutputHelper output;

    public ConstantClangTests(ITestOutputHelper output) => this.output = output;

    public void Dispose() => headers.Dispose();

    [Theory]
    [InlineData("x86_64")]
    [InlineData("arm64")]
    public void Clang_confirms_the_compiled_output_for_the_real_header(string target)
    {
        Assert.True(ClangTool.UnavailableReason is null, ClangTool.UnavailableReason);
        var model = ConstantOutput.Real(target);
        var assembly = GeneratedCompilation.Load(ConstantOutput.Emit(model));
        var report = EmittedValueOracle.Check(assembly, ConstantOutput.Options.Namespace, TargetArch.Find(target)!, ConstantOutput.Folders(target), "linux/kvm.h");
        output.WriteLine($"{target}: {report.Facts} facts, {report.Constants} constants, {report.EnumMembers} enum members, {report.Ioctls} ioctls");
        Assert.True(report.Mismatches.Count == 0, $"{target}: {report.Describe()}");
        // Everything was there to check.
        // Every macro constant (none is 128-bit here) and every enumerator of an unnamed enum left without an enum.
        Assert.Equal(model.Constants.Count + Generator.Emission.Constants.EnumShapes.Build(model).LooseEnumerators.Count, report.Constants);
        Assert.Equal(model.Ioctls.Count, report.Ioctls);
        Assert.True(report.EnumMembers > 400, $"only {report.EnumMembers} enum members");
    }

    [Theory]
    [InlineData(nameof(SmallHeaders.Families), "x86_64")]
    [InlineData(nameof(SmallHeaders.Types), "x86_64")]
    [InlineData(nameof(SmallHeaders.Types), "arm64")]
    [InlineData(nameof(SmallHeaders.Ioctls), "x86_64")]
    [InlineData(nameof(SmallHeaders.Enums), "x86_64")]
    public void Clang_confirms_the_compiled_output_for_a_small_header(string header, string target)
    {
        Assert.True(ClangTool.UnavailableReason is null, ClangTool.UnavailableReason);
        var arch = TargetArch.Find(target)!;
        headers.Write("small.h", (string)typeof(SmallHeaders).GetField(header)!.GetValue(null)!);
        var assembly = GeneratedCompilation.Load(ConstantOutput.Emit(headers.Read("small.h", arch)));
        var report = EmittedValueOracle.Check(assembly, ConstantOutput.Options.Namespace, arch, new[] { headers.Folder }, "small.h");
        Assert.True(report.Mismatches.Count == 0, report.Describe());
        Assert.True(report.Facts > 10, $"only {report.Facts} facts");
    }

    [Theory]
    [InlineData("x86_64")]
    [InlineData("arm64")]
    public void KvmCapability_holds_every_KVM_CAP_clang_defines_as_an_integer_constant(string target)
    {
        Assert.True(ClangTool.UnavailableReason is null, ClangTool.UnavailableReason);
        var arch = TargetArch.Find(target)!;
        var common = ClangTool.CommonArguments(arch.ClangTriple, ConstantOutput.Folders(target));
        var work = Directory.CreateTempSubdirectory("kvmsharp-caps-").FullName;
        try
        {
            var include = Path.Combine(work, "include.c");
            File.WriteAllText(include, "#include <linux/kvm.h>\n");
            var defines = ClangTool.Run(common.Concat(new[] { "-E", "-dM", "-x", "c", include }));
            Assert.Equal(0, defines.ExitCode);
            var names = Regex.Matches(defines.StandardOutput, @"^#define (KVM_CAP_\w+) ", RegexOptions.Multiline)
                .Select(m => m.Groups[1].Value).Distinct().ToList();

            // clang decides which are integer constants: a name that is not fails its line.
            var check = new CheckFile("linux/kvm.h");
            var lines = names.ToDictionary(n => check.AddLine($"_Static_assert((({n}) | 1) != 0, \"\");"), n => n);
            var checkPath = Path.Combine(work, "caps.c");
            File.WriteAllText(checkPath, check.ToString());
            var run = ClangTool.Run(common.Concat(new[] { "-fsyntax-only", "-ferror-limit=0", "-x", "c", checkPath }));
            var notConstant = run.Diagnostics.Where(d => d.IsError && ClangProbes.SameFile(d.File, checkPath) && lines.ContainsKey(d.Line))
                .Select(d => lines[d.Line]).ToHashSet();
            var expected = names.Where(n => !notConstant.Contains(n)).ToHashSet();

            var assembly = GeneratedCompilation.Load(ConstantOutput.Emit(ConstantOutput.Real(target)));
            var capability = assembly.GetType($"{ConstantOutput.Options.Namespace}.KvmCapability")!;
            var emitted = capability.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Select(f => f.GetCustomAttributesData().Single(a => a.AttributeType.Name == "NativeTypeNameAttribute").ConstructorArguments[0].Value as string)
                .ToHashSet();

            output.WriteLine($"{target}: clang defines {names.Count} KVM_CAP_ macros, {expected.Count} integer constants; KvmCapability has {emitted.Count}");
            Assert.True(expected.Count > 200, $"only {expected.Count} capabilities");
            Assert.Empty(expected.Except(emitted!).Order());
            Assert.Empty(emitted.Except(expected).Order());
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
