using System.Diagnostics;

namespace KvmSharp.Tests.Ide;

/// <summary>
/// csharp-ls, the C# language server the IDE tests and the IDE benchmark drive: a dotnet tool installed on first use
/// into a tool path under the user's cache (never globally), and reused after.
/// </summary>
public static class CsharpLsTool
{
    /// <summary>The version the tests were written against (its settings and behaviour are described in the README).</summary>
    public const string Version = "0.28.0";

    /// <summary>The folder the tool is installed into: <c>${XDG_CACHE_HOME:-~/.cache}/kvmsharp/tools/csharp-ls-VERSION</c>.</summary>
    public static string ToolPath
    {
        get
        {
            var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
                ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            return Path.Combine(cache, "kvmsharp", "tools", $"csharp-ls-{Version}");
        }
    }

    /// <summary>
    /// The server's executable, installing it when missing; null with the reason when it cannot be installed (no
    /// package source that serves it), which the tests report as their skip reason.
    /// </summary>
    public static string? Locate(out string reason)
    {
        var executable = Path.Combine(ToolPath, "csharp-ls");
        reason = "";
        if (File.Exists(executable))
            return executable;
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "tool", "install", "csharp-ls", "--version", Version, "--tool-path", ToolPath })
            info.ArgumentList.Add(argument);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            reason = $"csharp-ls {Version} could not be installed: `dotnet tool install` ran over 5 minutes";
            return null;
        }
        if (process.ExitCode == 0 && File.Exists(executable))
            return executable;
        reason = $"csharp-ls {Version} could not be installed with `dotnet tool install csharp-ls --version {Version} --tool-path {ToolPath}` " +
                 $"(exit code {process.ExitCode}): {(stderr.Result + stdout.Result).Trim()}";
        return null;
    }
}
