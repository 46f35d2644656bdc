using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using KvmSharp.TestSupport.GeneratorInputs;
using KvmSharp.Cli;
using KvmSharp.Generator.FrontEnd;
using KvmSharp.Generator.FrontEnd.Targets;
using KvmSharp.Tests.Generation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace KvmSharp.Tests.Uapi;

/// <summary>
/// A consumer project with <c>KvmUapiHeader</c> items, built the way the compiler builds it: the generator run by
/// Roslyn's driver on the machine's headers (as AdditionalFiles), against the KvmSharp runtime.
/// </summary>
internal static class UapiCompilation
{
    /// <summary>The headers the tests choose, with what each needs first (as a project would list them).</summary>
    public static readonly (string Header, string[] IncludeFirst)[] Set =
    {
        ("linux/vhost.h", []),
        ("linux/vfio.h", []),
        ("linux/userfaultfd.h", ["linux/ioctl.h"]),
        ("linux/if_tun.h", ["linux/ioctl.h"]),
        ("linux/virtio_net.h", []),
    };

    /// <summary>The <c>_KvmUapiHeadersForCompiler</c> value KvmSharp.targets makes of the items.</summary>
    public static string ItemList((string Header, string[] IncludeFirst)[] items)
        => string.Join("|", items.Select(i => $"{i.Header}>{string.Join(",", i.IncludeFirst)}>"));

    /// <summary>Every file the front-end opens for kvm.h and the chosen headers of <paramref name="arch"/>, as AdditionalFiles.</summary>
    public static ImmutableArray<AdditionalText> Headers(TargetArch arch, (string Header, string[] IncludeFirst)[] items)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        paths.UnionWith(HeaderFrontEnd.Read(new HeaderRequest(arch, arch.DefaultIncludeDirectories), DiskHeaderFiles.Instance).Files);
        foreach (var (header, first) in items)
        {
            var model = HeaderFrontEnd.Read(new HeaderRequest(arch, arch.DefaultIncludeDirectories, header) { IncludeFirst = first }, DiskHeaderFiles.Instance);
            Assert.True(model.Files.Count > 1, $"{header} is not installed for {arch.Name}: {arch.InstallHint("see README")}");
            paths.UnionWith(model.Files);
        }
        return paths.Order(StringComparer.Ordinal).Select(p => (AdditionalText)new InMemoryAdditionalText(p, File.ReadAllText(p))).ToImmutableArray();
    }

    public static Dictionary<string, string> Properties(TargetArch arch, (string Header, string[] IncludeFirst)[] items)
    {
        var properties = GeneratorHarness.Properties(arch);
        properties["_KvmUapiHeadersForCompiler"] = ItemList(items);
        return properties;
    }

    /// <summary>The consumer <paramref name="sources"/> against the runtime, before the generator runs.</summary>
    public static CSharpCompilation Compilation(params string[] sources)
        => GeneratorHarness.Compilation(sources).AddReferences(MetadataReference.CreateFromFile(typeof(UapiFileDescriptor).Assembly.Location));

    /// <summary>Runs the generator on <paramref name="sources"/> and returns the output compilation and the driver.</summary>
    public static (Compilation Output, GeneratorDriver Driver) Generate(TargetArch arch, (string Header, string[] IncludeFirst)[] items, params string[] sources)
    {
        var driver = GeneratorHarness.Driver(Headers(arch, items), Properties(arch, items));
        driver = driver.RunGeneratorsAndUpdateCompilation(Compilation(sources), out var output, out var diagnostics);
        Assert.Empty(diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        return (output, driver);
    }

    /// <summary>Compiles and loads the consumer; fails with the compiler's errors.</summary>
    public static Assembly Load(Compilation output)
    {
        using var stream = new MemoryStream();
        var result = output.Emit(stream);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(20)));
        stream.Position = 0;
        // A collectible context of its own; KvmSharp.dll resolves to the one this process has loaded.
        return new AssemblyLoadContext("uapi-consumer-" + Guid.NewGuid().ToString("N"), isCollectible: true).LoadFromStream(stream);
    }

    /// <summary>The errors of compiling <paramref name="output"/>.</summary>
    public static IReadOnlyList<Diagnostic> Errors(Compilation output)
        => output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
}
