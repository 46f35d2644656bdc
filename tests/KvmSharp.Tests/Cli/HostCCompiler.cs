using System.Diagnostics;
using System.Runtime.InteropServices;
using Xunit;

namespace KvmSharp.Tests.Cli;

/// <summary>
/// The machine's own C compiler, used as the independent reference: what it prints for the installed
/// headers is what a C VMM on this machine would see.
/// </summary>
internal static class HostCCompiler
{
    // gcc first: it is what the kernel and most VMMs are built with. clang-14 comes with libc6-dev on CI.
    private static readonly string[] Candidates = { "gcc", "clang-14", "cc", "clang" };

    /// <summary>The first compiler found on PATH, or null.</summary>
    public static string? Path { get; } = Find();

    /// <summary>Why tests that compile and run C cannot run here, or null when they can.</summary>
    public static string? UnavailableReason =>
        RuntimeInformation.OSArchitecture != Architecture.X64 || !OperatingSystem.IsLinux() ? "needs an x86_64 Linux host to run the compiled program"
        : Path is null ? "needs gcc or clang on PATH"
        : !File.Exists("/usr/include/linux/kvm.h") ? "needs linux-libc-dev (/usr/include/linux/kvm.h)"
        : null;

    /// <summary>Compiles <paramref name="source"/> for the host, runs it and returns its standard output.</summary>
    public static string CompileAndRun(string source)
    {
        var folder = Directory.CreateTempSubdirectory("kvmgen-cc-").FullName;
        try
        {
            var sourcePath = System.IO.Path.Combine(folder, "probe.c");
            var program = System.IO.Path.Combine(folder, "probe");
            File.WriteAllText(sourcePath, source);
            Execute(Path!, new[] { "-std=gnu11", "-o", program, sourcePath });
            return Execute(program, Array.Empty<string>());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string? Find()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var candidate in Candidates)
            foreach (var directory in path.Split(':', StringSplitOptions.RemoveEmptyEntries))
                if (File.Exists(System.IO.Path.Combine(directory, candidate)))
                    return System.IO.Path.Combine(directory, candidate);
        return null;
    }

    private static string Execute(string file, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{file} failed with exit {process.ExitCode}:\n{stderr.Result}");
        return stdout;
    }
}
