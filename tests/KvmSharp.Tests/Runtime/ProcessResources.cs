using System.Globalization;

namespace KvmSharp.Tests.Runtime;

/// <summary>What the kernel says this process holds: open fds and mapped address ranges.</summary>
internal static class ProcessResources
{
    /// <summary>The number of open fds, from <c>/proc/self/fd</c>.</summary>
    public static int OpenFileDescriptorCount() => Directory.GetFileSystemEntries("/proc/self/fd").Length;

    /// <summary>What an open fd refers to ("anon_inode:kvm-vm"), or "" when the fd is not open.</summary>
    public static string FileDescriptorTarget(int fd) =>
        new FileInfo($"/proc/self/fd/{fd}") is { LinkTarget: { } target } ? target : "";

    /// <summary>Whether <paramref name="address"/> lies in a mapping of this process (<c>/proc/self/maps</c>).</summary>
    public static bool IsMapped(ulong address)
    {
        foreach (var line in File.ReadLines("/proc/self/maps"))
        {
            // "start-end perms offset dev inode path", addresses in hex.
            var range = line[..line.IndexOf(' ')];
            var dash = range.IndexOf('-');
            var start = ulong.Parse(range[..dash], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var end = ulong.Parse(range[(dash + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (address >= start && address < end)
                return true;
        }
        return false;
    }

    /// <summary>Runs finalizers, so that fds nobody disposed do not count against a leak check.</summary>
    public static void SettleFinalizers()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
