using System.Diagnostics;
using System.Text;

namespace KvmSharp.Tests.MicroVm;

/// <summary>
/// samples/MicroVm run as its own process, as README runs it (the test project references it, so its build is beside
/// the tests), with what it printed line by line. A line handler may answer on the guest's console (standard input).
/// </summary>
internal static class MicroVmProcess
{
    /// <summary>
    /// How long one boot may take before it is called hung: KVMSHARP_BOOT_TIMEOUT seconds, default 15 minutes. A hang
    /// guard, not a verdict: a boot takes seconds on a host with hardware virtualization.
    /// </summary>
    public static TimeSpan HangGuard => TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable("KVMSHARP_BOOT_TIMEOUT"), out var seconds) && seconds > 0 ? seconds : 900);

    /// <summary>Builds the test initramfs from <paramref name="guest"/>'s busybox into a temporary file.</summary>
    public static string BuildInitramfs(GuestFiles guest)
    {
        var path = Path.Combine(Path.GetTempPath(), $"kvmsharp-initramfs-{Guid.NewGuid():N}.cpio");
        File.WriteAllBytes(path, global::MicroVm.Guest.TestInitramfs.Build(File.ReadAllBytes(guest.Busybox)));
        return path;
    }

    /// <summary>Runs MicroVm with <paramref name="arguments"/> to its end.</summary>
    /// <param name="onLine">Called for each line of standard output, with the guest console's input to write to.</param>
    public static BootRun Run(IEnumerable<string> arguments, Action<string, StreamWriter>? onLine = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "MicroVm.dll"));
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        var output = new StringBuilder();
        var stderr = process.StandardError.ReadToEndAsync();
        var reader = Task.Run(() =>
        {
            string? line;
            while ((line = process.StandardOutput.ReadLine()) is not null)
            {
                lock (output)
                    output.Append(line).Append('\n');
                onLine?.Invoke(line, process.StandardInput);
            }
        });
        if (!process.WaitForExit(HangGuard))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            reader.Wait();
            throw new TimeoutException($"MicroVm ran over {HangGuard} (KVMSHARP_BOOT_TIMEOUT); it printed:\n{output}\n--- stderr\n{stderr.Result}");
        }
        reader.Wait();
        return new BootRun(process.ExitCode, output.ToString(), stderr.Result);
    }
}

/// <summary>What one run printed, and how it ended.</summary>
internal sealed record BootRun(int ExitCode, string StandardOutput, string StandardError)
{
    public string Describe() => $"exit code {ExitCode}\n--- stdout\n{StandardOutput}--- stderr\n{StandardError}";
}
