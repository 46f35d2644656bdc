using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Loader;
using KvmSharp.Generator.Emission;
using KvmSharp.Generator.FrontEnd.Targets;
using KvmSharp.Generator.FrontEnd;
using KvmSharp.Generator.Model;
using KvmSharp.Generator;
using KvmSharp.Tests.Emission;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis;

namespace KvmSharp.Tests.Wrappers;

/// <summary>
/// The generated code of a real header with the ioctl wrappers on, compiled in memory against .NET 10 and
/// the runtime assembly (<c>KvmSharp</c>), as a consumer's project that references the runtime sees it.
/// Models and compilations are cached per target: reading a header takes seconds.
/// </summary>
internal static class WrapperCompilation
{
    private static readonly ConcurrentDictionary<string, Lazy<HeaderModel>> Models = new();
    private static readonly ConcurrentDictionary<string, Lazy<Assembly>> Loaded = new();

    public static MetadataReference RuntimeReference { get; } = MetadataReference.CreateFromFile(typeof(KvmSystem).Assembly.Location);

    /// <summary>The model of the installed header for <paramref name="arch"/>.</summary>
    public static HeaderModel Model(TargetArch arch) => Models.GetOrAdd(arch.Name, _ => new Lazy<HeaderModel>(() =>
    {
        var model = HeaderFrontEnd.Read(new HeaderRequest(arch, arch.DefaultIncludeDirectories), DiskHeaderFiles.Instance);
        Xunit.Assert.True(model.Ioctls.Count > 50, $"the {arch.Name} headers are not installed: {arch.InstallHint("see README")}");
        return model;
    })).Value;

    /// <summary>Every generated file for <paramref name="arch"/>, wrappers included.</summary>
    public static IReadOnlyList<GeneratedSource> Sources(TargetArch arch)
        => BindingsEmitter.Emit(Model(arch), new EmitOptions(RuntimeReferenced: true));

    /// <summary>The generated code plus <paramref name="extraSources"/>, referencing the runtime.</summary>
    public static CSharpCompilation Create(TargetArch arch, params string[] extraSources)
        => GeneratedCompilation.Create(Sources(arch), ReferenceSet.Net100, extraSources).AddReferences(RuntimeReference);

    /// <summary>
    /// The x86_64 generated code compiled with <paramref name="scenario"/> and loaded; the same scenario text is
    /// compiled once per test run. The runtime types resolve to the test's own copy, so objects cross freely.
    /// </summary>
    public static Assembly Load(string scenario) => Loaded.GetOrAdd(scenario, text => new Lazy<Assembly>(() =>
    {
        var compilation = Create(TargetArch.X86_64, text);
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        if (!result.Success)
            throw new InvalidOperationException("the scenario does not compile:\n" + string.Join("\n", result.Diagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).Take(30)));
        image.Position = 0;
        return new AssemblyLoadContext("wrapper-scenarios", isCollectible: true).LoadFromStream(image);
    })).Value;

    /// <summary>Calls a public static method of a scenario class, rethrowing what it threw as itself.</summary>
    public static object? Invoke(Assembly assembly, string type, string method, params object?[] arguments)
    {
        var target = assembly.GetType(type, throwOnError: true)!.GetMethod(method, BindingFlags.Public | BindingFlags.Static)
            ?? throw new MissingMethodException(type, method);
        try
        {
            return target.Invoke(null, arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }
}
