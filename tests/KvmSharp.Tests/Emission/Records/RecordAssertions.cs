using KvmSharp.Generator.Emission;
using KvmSharp.Generator.Model;
using KvmSharp.Generator.FrontEnd.Targets;
using KvmSharp.Tests.Oracle;
using Xunit;

namespace KvmSharp.Tests.Emission.Records;

/// <summary>The three things every record test states: compiles cleanly on net8 and net10, and clang agrees.</summary>
internal static class RecordAssertions
{
    public static void CompilesCleanly(HeaderModel model, EmitOptions? options = null)
    {
        var sources = RecordSources.Emit(model, options ?? new EmitOptions());
        foreach (var references in new[] { ReferenceSet.Net80, ReferenceSet.Net100 })
        {
            var problems = GeneratedCompilation.Problems(GeneratedCompilation.Create(sources, references));
            Assert.True(problems.Count == 0, $"{model.Arch} {references}: {problems.Count} problems:\n  " + string.Join("\n  ", problems.Take(40)));
        }
    }

    public static RecordCheckReport ClangAgrees(HeaderModel model, TargetArch arch, IReadOnlyList<string> includeDirectories, string header)
    {
        Assert.True(ClangTool.UnavailableReason is null, ClangTool.UnavailableReason);
        var report = RecordClangCheck.Run(model, arch, includeDirectories, header);
        Assert.True(report.Mismatches.Count == 0, $"{arch.Name}: {report.Describe()}");
        Assert.True(report.Records > 0 && report.Members > 0, "nothing was checked");
        return report;
    }
}
