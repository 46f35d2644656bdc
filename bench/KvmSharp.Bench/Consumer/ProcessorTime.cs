using System.Runtime.InteropServices;

namespace KvmSharp.Bench.Consumer;

/// <summary>
/// CPU time (user + system), which a loaded machine does not inflate as it does wall time: of this process's finished
/// children and their descendants (getrusage RUSAGE_CHILDREN), and of any running process (/proc/PID/stat).
/// </summary>
internal static class ProcessorTime
{
    private const int RusageChildren = -1;
    private static readonly double TicksPerSecond = 100; // USER_HZ: 100 on every Linux architecture .NET runs on

    /// <summary>CPU time of every child (and descendant) that has ended and been waited for, so far.</summary>
    public static TimeSpan OfEndedChildren()
    {
        if (GetRusage(RusageChildren, out var usage) != 0)
            throw new InvalidOperationException($"getrusage failed: errno {Marshal.GetLastPInvokeError()}");
        return TimeSpan.FromSeconds(usage.UserSeconds + usage.UserMicroseconds / 1e6 + usage.SystemSeconds + usage.SystemMicroseconds / 1e6);
    }

    /// <summary>CPU time of a running process so far (utime + stime of /proc/PID/stat).</summary>
    public static TimeSpan OfProcess(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name (field 2) is in parentheses and may hold blanks: count fields after its closing one.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return TimeSpan.FromSeconds((long.Parse(fields[11]) + long.Parse(fields[12])) / TicksPerSecond);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct RUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        // maxrss ... nivcsw: 14 longs the kernel fills and this code does not read.
        public long R0, R1, R2, R3, R4, R5, R6, R7, R8, R9, R10, R11, R12, R13;
    }

    [DllImport("libc", EntryPoint = "getrusage", SetLastError = true)]
    private static extern int GetRusage(int who, out RUsage usage);
}
