using KvmSharp.Cli.ApiRst;
using KvmSharp.Generator.Facts;
using Xunit;
using static KvmSharp.Tests.Kernels.IoctlFactChecks;

namespace KvmSharp.Tests.Kernels;

/// <summary>
/// The shipped fact table against each release's api.rst. An ioctl the release documents and its headers define
/// has in the table exactly the fds and arches api.rst gives, unless the table's SOURCE says api.rst is wrong
/// ("api.rst 4.N says ...") and that release's dispatchers confirm the table. The table describes the newest
/// kernel, so for an older release a difference is also accepted when a newer release's api.rst, or (for a marked
/// api.rst error) a newer release's dispatchers, give the table's value: KVM_GET_DEBUGREGS was "vm ioctl" in 6.12's
/// api.rst and is "vcpu ioctl" in 7.2's; TDX made KVM_MEMORY_ENCRYPT_OP a vcpu ioctl too. For 7.2 nothing newer
/// exists, so there it is the strict rule.
/// </summary>
public sealed class IoctlFactDocumentationTests
{
    [Theory]
    [MemberData(nameof(KernelRelease.Versions), MemberType = typeof(KernelRelease))]
    public void Documented_fds_are_the_tables_or_the_kernel_says_api_rst_is_wrong(string version)
    {
        var release = KernelRelease.Get(version);
        var wrong = new List<string>();
        foreach (var (name, section, fact) in Documented(release))
        {
            var explained = FromOn(release).Any(r =>
                ReleaseApiRst.Of(r).ByName.TryGetValue(name, out var later) && later.Fds == fact.Fds
                || MarksApiRstError(fact) && KernelDispatch.Of(r).FdsOf(name) == fact.Fds);
            if (!explained)
                wrong.Add($"{name}: api.rst {section.Number} says {Show(section.Fds)}, table line {fact.Line} says {Show(fact.Fds)} ({fact.Source})");
        }
        Assert.True(wrong.Count == 0, $"{release}:\n{string.Join("\n", wrong)}");
    }

    [Theory]
    [MemberData(nameof(KernelRelease.Versions), MemberType = typeof(KernelRelease))]
    public void Documented_arches_are_the_tables_or_the_kernel_says_api_rst_is_wrong(string version)
    {
        var release = KernelRelease.Get(version);
        var wrong = new List<string>();
        foreach (var (name, section, fact) in Documented(release))
        {
            var arches = Arches(fact);
            var explained = FromOn(release).Any(r =>
                ReleaseApiRst.Of(r).ByName.TryGetValue(name, out var later) && later.Arches is { } documented && documented.SetEquals(arches)
                || MarksApiRstError(fact) && KernelDispatch.Of(r).KernelTargets(name) is { } handled && handled.SetEquals(arches));
            if (!explained)
                wrong.Add($"{name}: api.rst {section.Number} says {Show(section.Arches)}, table line {fact.Line} says {Show(arches)} ({fact.Source})");
        }
        Assert.True(wrong.Count == 0, $"{release}:\n{string.Join("\n", wrong)}");
    }

    [Theory]
    [MemberData(nameof(KernelRelease.Versions), MemberType = typeof(KernelRelease))]
    public void What_api_rst_deprecates_or_calls_removed_is_not_current_in_the_table(string version)
    {
        var release = KernelRelease.Get(version);
        var doc = ReleaseApiRst.Of(release);
        var wrong = new List<string>();
        foreach (var (name, section, fact) in Documented(release))
        {
            if (section.Removed && fact.Status != IoctlStatus.Removed)
                wrong.Add($"{name}: api.rst {section.Number} says it has been removed, the table says {fact.Status}");
            else if (section.Deprecated && fact.Status == IoctlStatus.Current)
                wrong.Add($"{name}: api.rst {section.Number} says it is deprecated, the table says current");
        }
        foreach (var name in doc.ObsoleteByMention)
        {
            if (IoctlFactTable.BuiltIn.Find(name) is { Status: IoctlStatus.Current } fact)
                wrong.Add($"{name}: api.rst calls it obsolete, table line {fact.Line} says current");
        }
        Assert.True(wrong.Count == 0, $"{release}:\n{string.Join("\n", wrong)}");
    }

    // The ioctls the release's api.rst documents and its headers define, with their section and table fact.
    private static IEnumerable<(string Name, ApiRstSection Section, IoctlFact Fact)> Documented(KernelRelease release)
    {
        var defined = ReleaseHeaders.AllIoctls(release);
        foreach (var (name, section) in ReleaseApiRst.Of(release).ByName)
        {
            // A missing fact is the coverage test's failure; here it would only repeat it.
            if (defined.Contains(name) && IoctlFactTable.BuiltIn.Find(name) is { } fact)
                yield return (name, section, fact);
        }
    }
}
