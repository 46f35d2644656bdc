using System.Globalization;
using System.Text;

namespace MicroVm.Machine;

/// <summary>The <c>--stats</c> report: exits by reason and by port over all vCPUs, and the steady state's bytes allocated per exit.</summary>
internal static class StatisticsReport
{
    /// <summary>Lines that start with "stats:", one fact each.</summary>
    public static string Format(IReadOnlyList<ExitStatistics> vcpus)
    {
        var text = new StringBuilder();
        var total = vcpus.Sum(v => v.Total);
        text.Append(CultureInfo.InvariantCulture, $"stats: exits {total}\n");
        foreach (var group in vcpus.SelectMany(v => v.Reasons()).GroupBy(r => r.Reason).OrderByDescending(g => g.Sum(r => r.Count)))
            text.Append(CultureInfo.InvariantCulture, $"stats: reason {group.Key} {group.Sum(r => r.Count)}\n");
        foreach (var group in vcpus.SelectMany(v => v.Ports()).GroupBy(p => p.Port).OrderByDescending(g => g.Sum(p => p.Count)))
            text.Append(CultureInfo.InvariantCulture, $"stats: port 0x{group.Key:x} {group.Sum(p => p.Count)}\n");
        var exits = vcpus.Sum(v => v.SteadyState.Exits);
        var bytes = vcpus.Sum(v => v.SteadyState.Bytes);
        text.Append(CultureInfo.InvariantCulture,
            $"stats: allocated bytes/exit {(exits == 0 ? 0 : (double)bytes / exits):F3} over {exits} exits after the first {ExitStatistics.WarmUpExits} of each vCPU\n");
        return text.ToString();
    }
}
