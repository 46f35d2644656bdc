using System.Diagnostics;
using KvmSharp.Generator.FrontEnd.Targets;
using KvmSharp.Tests.Packaging;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace KvmSharp.Tests.Kernels;

/// <summary>
/// The programs users copy, unchanged, compiled against the bindings the real generator makes from every release of
/// the version matrix: <c>samples/HelloVm</c> and README's Quickstart on x86_64, and tests/GeneratorConsumer on arm64.
/// The judge is the C# compiler: a release whose generated API moved a method HelloVm calls fails here with the
/// compiler's own errors, as the user's build would.
/// </summary>
public sealed class ReleaseSampleCompileTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(KernelRelease.Versions), MemberType = typeof(KernelRelease))]
    public void HelloVm_compiles_against_each_release_on_x86_64(string version)
    {
        var folder = Path.Combine(ReleaseBindings.RepositoryRoot(), "samples", "HelloVm");
        var sources = Directory.GetFiles(folder, "*.cs").Order(StringComparer.Ordinal).Select(p => (p, File.ReadAllText(p))).ToList();
        Assert.True(sources.Count > 3, $"samples/HelloVm has only {sources.Count} .cs files at {folder}");
        // As HelloVm.csproj builds it: an Exe with unsafe code, referencing the runtime; the repository's
        // Directory.Build.props turns warnings into errors.
        var consumer = ReleaseBindings.Consumer("HelloVm", OutputKind.ConsoleApplication, allowUnsafe: true, withRuntime: true, sources,
            ReportDiagnostic.Error);
        Compiles(version, TargetArch.X86_64, consumer, "samples/HelloVm");
    }

    [Theory]
    [MemberData(nameof(KernelRelease.Versions), MemberType = typeof(KernelRelease))]
    public void The_README_Quickstart_compiles_against_each_release_on_x86_64(string version)
    {
        // As `dotnet new console` plus the package builds it: no unsafe code, warnings stay warnings.
        // FreshProjectTests holds this text equal to README's.
        var consumer = ReleaseBindings.Consumer("MyVmm", OutputKind.ConsoleApplication, allowUnsafe: false, withRuntime: true,
            new[] { ("Program.cs", FreshProjectTests.GreetingProgram) });
        Compiles(version, TargetArch.X86_64, consumer, "README's Quickstart");
    }

    [Theory]
    [MemberData(nameof(KernelRelease.Versions), MemberType = typeof(KernelRelease))]
    public void The_generator_consumer_compiles_against_each_releases_arm64_headers(string version)
    {
        var path = Path.Combine(ReleaseBindings.RepositoryRoot(), "tests", "GeneratorConsumer", "Program.cs");
        // As GeneratorConsumer.csproj builds it: unsafe allowed, no runtime (the bindings alone), warnings are errors.
        var consumer = ReleaseBindings.Consumer("GeneratorConsumer", OutputKind.ConsoleApplication, allowUnsafe: true, withRuntime: false,
            new[] { (path, File.ReadAllText(path)) }, ReportDiagnostic.Error);
        Compiles(version, TargetArch.Arm64, consumer, "tests/GeneratorConsumer");
    }

    private void Compiles(string version, TargetArch arch, Microsoft.CodeAnalysis.CSharp.CSharpCompilation consumer, string what)
    {
        var release = KernelRelease.Get(version);
        Assert.True(release.Has(arch), $"kernel {release} has no asm/kvm.h for {arch.Name} under {release.Root}: run .ci/kernels again");

        var clock = Stopwatch.StartNew();
        var (compilation, diagnostics) = ReleaseBindings.Generate(release, arch, consumer);
        var generated = compilation.SyntaxTrees.Count() - consumer.SyntaxTrees.Count();
        var errors = ReleaseBindings.Errors(diagnostics, consumer.Options);
        output.WriteLine($"{what} against kernel {release}, {arch.Name}: {generated} generated files, {errors.Count} errors, " +
            $"{diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning)} warnings; time {clock.Elapsed.TotalSeconds:F1} s");
        foreach (var warning in diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning).Take(20))
            output.WriteLine($"  warning: {warning}");

        Assert.True(errors.Count == 0,
            $"{what} does not compile against kernel {release} for {arch.Name} ({errors.Count} errors):\n  " + string.Join("\n  ", errors));
        // Not vacuous: the bindings were generated (a consumer without them could not have compiled anyway).
        Assert.True(generated > 10, $"the generator added only {generated} files for kernel {release}, {arch.Name}");
    }
}
