namespace KvmSharp.Tests.MicroVm;

/// <summary>
/// The guest .ci/guest fetches from Debian: its kernel and busybox-static, in <c>$KVMSHARP_GUEST</c> or
/// <c>~/.cache/kvmsharp/guest</c>. Tests that need them are skipped, saying how to fetch them, where they are missing.
/// </summary>
internal sealed record GuestFiles(string Folder)
{
    public const string MissingReason = "needs the guest kernel and busybox-static: run .ci/guest (it fetches them from Debian into ~/.cache/kvmsharp/guest)";

    public string Kernel => Path.Combine(Folder, "vmlinuz");

    public string Busybox => Path.Combine(Folder, "busybox");

    /// <summary>uname -r of the kernel, from its package's file name (/boot/vmlinuz-RELEASE).</summary>
    public string KernelRelease => File.ReadAllText(Path.Combine(Folder, "kernel-release")).Trim();

    public static string CacheFolder => Environment.GetEnvironmentVariable("KVMSHARP_GUEST") is { Length: > 0 } folder
        ? folder
        : Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } cache
            ? cache
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "kvmsharp", "guest");

    /// <summary>The fetched guest, or null when .ci/guest has not run.</summary>
    public static GuestFiles? Find()
    {
        var files = new GuestFiles(CacheFolder);
        return File.Exists(Path.Combine(files.Folder, ".complete")) && File.Exists(files.Kernel) && File.Exists(files.Busybox) ? files : null;
    }
}
