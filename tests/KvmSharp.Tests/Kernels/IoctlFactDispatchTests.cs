using KvmSharp.Generator.Facts;
using KvmSharp.Generator.Model;
using Xunit;
using static KvmSharp.Tests.Kernels.IoctlFactChecks;

namespace KvmSharp.Tests.Kernels;

/// <summary>
/// The shipped fact table against the ioctl dispatchers of each release's sources: what a kernel takes on an fd
/// the table puts on that fd, on arches the kernel has; what the table calls removed no 7.2 dispatcher takes.
/// </summary>
public sealed class IoctlFactDispatchTests
{
    [Theory]
    [MemberData(nameof(KernelRelease.Versions), MemberType = typeof(KernelRelease))]
    public void Every_fd_a_dispatcher_takes_an_ioctl_on_is_in_the_table(string version)
    {
        var release = KernelRelease.Get(version);
        var kernel = KernelDispatch.Of(release);
        var wrong = new List<string>();
        foreach (var name in kernel.Names.OrderBy(n => n, StringComparer.Ordinal))
        {
            var fact = IoctlFactTable.BuiltIn.Find(name);
            if (fact is null)
            {
                wrong.Add($"{name}: taken by {string.Join(", ", kernel.Handling(name).Select(l => l.Where).Distinct())}, not in the table");
                continue;
            }
            if (fact.Status == IoctlStatus.Removed)
                continue;
            foreach (var label in kernel.Handling(name).Where(l => !fact.Fds.Contains(l.Fd)))
                wrong.Add($"{name}: {label.Where} line {label.Line} takes it on the {IoctlFactTable.FdName(label.Fd)} fd, table line {fact.Line} says {Show(fact.Fds)}");
        }
        Assert.True(wrong.Count == 0, $"{release}:\n{string.Join("\n", wrong.Distinct())}");
    }

    [Theory]
    [MemberData(nameof(KernelRelease.Versions), MemberType = typeof(KernelRelease))]
    public void The_table_puts_an_ioctl_only_on_arches_whose_kernel_takes_it(string version)
    {
        // Arches grow (x86 took KVM_GET_ONE_REG only lately), so an older release is held to what it and the
        // newer ones take together; an ioctl behind a condition the reader cannot resolve is left out.
        var release = KernelRelease.Get(version);
        var wrong = new List<string>();
        foreach (var fact in IoctlFactTable.BuiltIn.All.Where(f => f.Status != IoctlStatus.Removed))
        {
            var handling = FromOn(release).Select(KernelDispatch.Of).Where(k => k.Handling(fact.Name).Any()).ToList();
            if (!KernelDispatch.Of(release).Handling(fact.Name).Any() || handling.Any(k => k.KernelTargets(fact.Name) is null))
                continue;
            var handled = handling.SelectMany(k => k.KernelTargets(fact.Name)!).ToHashSet(StringComparer.Ordinal);
            var arches = Arches(fact);
            if (!arches.IsSubsetOf(handled))
                wrong.Add($"{fact.Name}: table line {fact.Line} says {Show(arches)}, the kernels of {release.Version} on take it on {Show(handled)}");
        }
        Assert.True(wrong.Count == 0, $"{release}:\n{string.Join("\n", wrong)}");
    }

    [Fact]
    public void What_the_table_calls_removed_no_dispatcher_of_the_newest_release_takes_and_the_rest_some_does()
    {
        var newest = KernelRelease.Get(KernelRelease.All[^1].Version);
        var kernel = KernelDispatch.Of(newest);
        var wrong = new List<string>();
        foreach (var fact in IoctlFactTable.BuiltIn.All)
        {
            var labels = kernel.Handling(fact.Name).ToList();
            if (fact.Status == IoctlStatus.Removed && labels.Count > 0)
                wrong.Add($"{fact.Name}: table line {fact.Line} says removed, {newest} takes it in {string.Join(", ", labels.Select(l => l.Where).Distinct())}");
            else if (fact.Status != IoctlStatus.Removed && labels.Count == 0)
                wrong.Add($"{fact.Name}: table line {fact.Line} says {fact.Status}, no dispatcher of {newest} takes it");
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }
}
