using System.Text.RegularExpressions;
using KvmSharp.Generator.Facts;
using KvmSharp.Generator.Model;
using KvmSharp.Generator.FrontEnd.Targets;

namespace KvmSharp.Tests.Kernels;

/// <summary>
/// What the fact tests share: a fact's arch set, whether its SOURCE calls api.rst wrong, and the releases from a
/// given one on, which may explain a difference between the newest-kernel table and an older release's api.rst.
/// </summary>
public static class IoctlFactChecks
{
    // "api.rst 4.111 says ...": the table's mark that it overrules api.rst with the kernel.
    private static readonly Regex ApiRstError = new(@"\bapi\.rst 4\.\d+(?: \([\d.]+\))? says\b");

    /// <summary>The targets of a fact as a set (all five for <c>all</c>).</summary>
    public static IReadOnlySet<string> Arches(IoctlFact fact)
        => fact.AllArches ? TargetArch.All.Select(a => a.Name).ToHashSet(StringComparer.Ordinal) : fact.Arches.ToHashSet(StringComparer.Ordinal);

    /// <summary>Whether the fact's SOURCE says api.rst is wrong about it.</summary>
    public static bool MarksApiRstError(IoctlFact fact) => ApiRstError.IsMatch(fact.Source);

    /// <summary><paramref name="release"/> and the newer releases, oldest first.</summary>
    public static IEnumerable<KernelRelease> FromOn(KernelRelease release)
        => KernelRelease.All.SkipWhile(r => r.Version != release.Version).Select(r => KernelRelease.Get(r.Version));

    /// <summary>A set for messages: <c>{a, b}</c>.</summary>
    public static string Show(IEnumerable<string>? set)
        => set is null ? "unknown" : "{" + string.Join(", ", set.OrderBy(s => s, StringComparer.Ordinal)) + "}";

    /// <summary>Fds for messages.</summary>
    public static string Show(IoctlFds fds) => Show(fds.Scopes().Select(IoctlFactTable.FdName));
}
