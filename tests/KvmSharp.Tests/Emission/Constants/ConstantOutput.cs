using System.Collections.Concurrent;
using KvmSharp.Generator.Emission.Constants;
using KvmSharp.Generator.Emission.Ioctls;
using KvmSharp.Generator.Emission;
using KvmSharp.Generator.FrontEnd.Targets;
using KvmSharp.Generator.FrontEnd;
using KvmSharp.Generator.Model;
using KvmSharp.Generator;
using KvmSharp.Tests.Oracle;
using Xunit;

namespace KvmSharp.Tests.Emission.Constants;

/// <summary>
/// The output of the constant, enum and ioctl emitters alone (with the support types they use): what these
/// tests judge, without the record emitter another stage owns.
/// </summary>
internal static class ConstantOutput
{
    public static readonly EmitOptions Options = new();

    private static readonly ConcurrentDictionary<string, Lazy<HeaderModel>> RealModels = new();

    public static List<GeneratedSource> Emit(HeaderModel model, EmitOptions? options = null)
    {
        options ??= Options;
        return SupportTypesEmitter.Emit(options)
            .Concat(ConstantEmitter.Emit(model, options))
            .Concat(IoctlEmitter.Emit(model, options))
            .ToList();
    }

    public static string Text(IEnumerable<GeneratedSource> sources, string hintName)
        => sources.Single(s => s.HintName == hintName).Text;

    /// <summary>The real <c>linux/kvm.h</c> of <paramref name="target"/>, read once per test run.</summary>
    public static HeaderModel Real(string target)
        => RealModels.GetOrAdd(target, t => new Lazy<HeaderModel>(() => ReadReal(t))).Value;

    public static string[] Folders(string target) => KvmHeaderOracleTests.DebianHeaders(TargetArch.Find(target)!).Folders;

    private static HeaderModel ReadReal(string target)
    {
        var arch = TargetArch.Find(target)!;
        var (folders, package) = KvmHeaderOracleTests.DebianHeaders(arch);
        Assert.True(folders.Any(f => File.Exists(Path.Combine(f, "linux/kvm.h"))), $"linux/kvm.h for {target} missing: install {package}");
        var model = HeaderFrontEnd.Read(new HeaderRequest(arch, folders), DiskHeaderFiles.Instance);
        Assert.DoesNotContain(model.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        return model;
    }
}
