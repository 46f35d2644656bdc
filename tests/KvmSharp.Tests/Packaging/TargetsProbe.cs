using System.Security;
using System.Text;
using Xunit;

namespace KvmSharp.Tests.Packaging;

/// <summary>
/// Evaluates src/Generator/build/KvmSharp.targets with MSBuild itself, many property sets in one <c>dotnet msbuild</c>
/// run: a project that imports the targets is built once per case through the MSBuild task (each case its own
/// project instance with its own global properties). No SDK, no restore: only the targets' own logic.
/// </summary>
internal static class TargetsProbe
{
    /// <summary>One evaluation: the properties given on the command line of a build, and whether to run KvmCheckHeaderExists.</summary>
    public sealed record Case(string Id, IReadOnlyDictionary<string, string> Properties, bool RunCheck = false);

    /// <summary>What MSBuild made of one case: KvmIncludeDirectories and _KvmLayout, and the KVMB0001 text if the check ran and failed.</summary>
    public sealed record Outcome(string IncludeDirectories, string Layout, string? Error);

    public static IReadOnlyDictionary<string, Outcome> Run(IReadOnlyList<Case> cases)
    {
        var folder = Directory.CreateTempSubdirectory("kvmsharp-targets-probe-");
        try
        {
            var targets = Path.Combine(LocalFeed.RepositoryRoot(), "src", "Generator", "build", "KvmSharp.targets");
            var items = new StringBuilder();
            foreach (var c in cases)
            {
                var properties = string.Join(";", c.Properties.Append(new("_KvmProbeId", c.Id)).Select(p => $"{p.Key}={Escape(p.Value)}"));
                items.AppendLine($"""    <_Probe Include="$(MSBuildProjectFullPath)" AdditionalProperties="{SecurityElement.Escape(properties)}" Check="{c.RunCheck}" />""");
            }
            var project = Path.Combine(folder.FullName, "probe.proj");
            File.WriteAllText(project, $"""
                <Project DefaultTargets="Probe">
                  <Import Project="{SecurityElement.Escape(targets)}" Condition="'$(_KvmProbeId)' != ''" />
                  <ItemGroup>
                {items}  </ItemGroup>
                  <Target Name="Probe">
                    <MSBuild Projects="@(_Probe)" Targets="Print" />
                    <MSBuild Projects="@(_Probe->WithMetadataValue('Check', 'True'))" Targets="KvmCheckHeaderExists" ContinueOnError="ErrorAndContinue" />
                  </Target>
                  <Target Name="Print">
                    <Message Importance="high" Text="KVMPROBE|$(_KvmProbeId)|$(_KvmLayout)|$(KvmIncludeDirectories)" />
                  </Target>
                </Project>
                """);
            var run = DotnetCommand.Run(folder.FullName, null, "dotnet", "msbuild", project, "-nologo", "-m:1", "-nodeReuse:false", "-v:m", "-clp:NoSummary");
            var lines = run.StandardOutput.Split('\n').Select(l => l.Trim()).ToList();
            var outcomes = new Dictionary<string, Outcome>();
            foreach (var c in cases)
            {
                var printed = lines.FirstOrDefault(l => l.StartsWith($"KVMPROBE|{c.Id}|", StringComparison.Ordinal));
                Assert.True(printed is not null, $"no evaluation of {c.Id}:\n{run.Describe()}");
                var fields = printed!.Split('|');
                // The error names KvmIncludeDirectories, which each case makes its own by its root.
                var error = c.RunCheck ? lines.FirstOrDefault(l => l.Contains("error KVMB0001", StringComparison.Ordinal) && l.Contains($"({fields[3]})", StringComparison.Ordinal)) : null;
                outcomes[c.Id] = new Outcome(fields[3], fields[2], error);
            }
            return outcomes;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    // A global property's value in AdditionalProperties: ';' separates properties, '%' escapes.
    private static string Escape(string value) => value.Replace("%", "%25").Replace(";", "%3B");
}
