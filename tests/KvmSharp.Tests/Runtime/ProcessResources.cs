using System.Globalization;
using System.Runtime.InteropServices;

namespace KvmSharp.Tests.Runtime;

/// <summary>
/// What the kernel says this process holds: open fds and mappings. Checks that something is gone look for
/// that very thing, never for a free fd number or address: the runtime's own threads open fds and map memory
/// at any moment, and the kernel hands out the lowest free fd and refills the hole a munmap left.
/// </summary>
internal static class ProcessResources
{
    /// <summary>The number of open fds that refer to KVM: <c>/dev/kvm</c> and its VM, vCPU and device fds.</summary>
    public static int KvmFileDescriptorCount() =>
        Directory.GetFileSystemEntries("/proc/self/fd")
            .Count(entry => IsKvmObject(new FileInfo(entry).LinkTarget ?? ""));

    /// <summary>What an open fd refers to ("anon_inode:kvm-vm"), or "" when the fd is not open.</summary>
    public static string FileDescriptorTarget(int fd) =>
        new FileInfo($"/proc/self/fd/{fd}") is { LinkTarget: { } target } ? target : "";

    /// <summary>Whether <paramref name="fd"/> is open on <c>/dev/kvm</c> or an fd KVM created.</summary>
    public static bool IsKvmFileDescriptor(int fd) => IsKvmObject(FileDescriptorTarget(fd));

    /// <summary>
    /// The path column of the mapping that holds <paramref name="address"/> in <c>/proc/self/maps</c>
    /// ("anon_inode:kvm-vcpu:0" for a kvm_run, "" for anonymous memory), or null when nothing is mapped there.
    /// </summary>
    public static string? MappingAt(ulong address)
    {
        foreach (var line in File.ReadLines("/proc/self/maps"))
        {
            // "start-end perms offset dev inode   path", addresses in hex, the path padded and optional.
            var columns = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
            var dash = columns[0].IndexOf('-');
            var start = ulong.Parse(columns[0][..dash], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var end = ulong.Parse(columns[0][(dash + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (address >= start && address < end)
                return columns.Length > 5 ? columns[5].Trim() : "";
        }
        return null;
    }

    /// <summary>Whether a kvm_run (a mapping of a vCPU fd) is mapped at <paramref name="address"/>.</summary>
    public static bool IsRunStructureMapped(ulong address) =>
        MappingAt(address)?.StartsWith("anon_inode:kvm-vcpu", StringComparison.Ordinal) == true;

    /// <summary>
    /// Writes a value no other mapping holds at the start of <paramref name="memory"/>, so that
    /// <see cref="MappingMark.IsMapped"/> can later tell this mapping from whatever the process maps in its
    /// place once it is gone.
    /// </summary>
    public static MappingMark Mark(GuestMemory memory)
    {
        var value = Guid.NewGuid();
        MemoryMarshal.Write(memory.Span, in value);
        return new MappingMark(memory.HostAddress, value);
    }

    /// <summary>Runs finalizers, so that fds nobody disposed do not count against a leak check.</summary>
    public static void SettleFinalizers()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static bool IsKvmObject(string target) =>
        target == "/dev/kvm" || target.StartsWith("anon_inode:kvm", StringComparison.Ordinal);
}

/// <summary>A mapping known by the value <see cref="ProcessResources.Mark"/> wrote at its start.</summary>
internal readonly record struct MappingMark(ulong Address, Guid Value)
{
    /// <summary>
    /// Whether the marked mapping still exists. Reads through <c>/proc/self/mem</c>, where an address nothing
    /// maps fails with EIO instead of faulting, and memory mapped there since holds anything but the mark.
    /// </summary>
    public bool IsMapped
    {
        get
        {
            using var memory = File.OpenHandle("/proc/self/mem");
            Span<byte> read = stackalloc byte[16];
            try
            {
                return RandomAccess.Read(memory, read, checked((long)Address)) == read.Length
                    && MemoryMarshal.Read<Guid>(read) == Value;
            }
            catch (IOException)
            {
                return false;
            }
        }
    }
}
