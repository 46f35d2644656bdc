using System.Diagnostics;
using System.Text.RegularExpressions;

namespace KvmSharp.Tests.Oracle;

/// <summary>What one clang run printed.</summary>
internal sealed record ClangRun(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>The diagnostics of <see cref="StandardError"/>, notes attached to the error or warning they explain.</summary>
    public IReadOnlyList<ClangDiagnostic> Diagnostics => ClangDiagnostic.Parse(StandardError);
}

/// <summary>One clang diagnostic: <c>FILE:LINE:COL: error: MESSAGE</c> and the notes that follow it.</summary>
internal sealed record ClangDiagnostic(string File, int Line, int Column, string Severity, string Message, IReadOnlyList<ClangDiagnostic> Notes)
{
    private static readonly Regex Located = new(@"^(?<file>.*?):(?<line>\d+):(?<col>\d+): (?<sev>fatal error|error|warning|note): (?<msg>.*)$");
    private static readonly Regex Unlocated = new(@"^(?<sev>fatal error|error|warning): (?<msg>.*)$");

    public bool IsError => Severity is "error" or "fatal error";

    public override string ToString() => $"{File}:{Line}:{Column}: {Severity}: {Message}";

    /// <summary>Reads clang's stderr (run with <c>-fno-caret-diagnostics</c>, so every line is a diagnostic).</summary>
    public static IReadOnlyList<ClangDiagnostic> Parse(string standardError)
    {
        var result = new List<ClangDiagnostic>();
        List<ClangDiagnostic>? notes = null;
        foreach (var raw in standardError.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var m = Located.Match(line);
            if (m.Success)
            {
                var sev = m.Groups["sev"].Value;
                if (sev == "note" && notes is not null)
                {
                    notes.Add(new ClangDiagnostic(m.Groups["file"].Value, int.Parse(m.Groups["line"].Value),
                        int.Parse(m.Groups["col"].Value), sev, m.Groups["msg"].Value, Array.Empty<ClangDiagnostic>()));
                    continue;
                }
                notes = new List<ClangDiagnostic>();
                result.Add(new ClangDiagnostic(m.Groups["file"].Value, int.Parse(m.Groups["line"].Value),
                    int.Parse(m.Groups["col"].Value), sev, m.Groups["msg"].Value, notes));
                continue;
            }
            var u = Unlocated.Match(line);
            if (u.Success)
            {
                notes = new List<ClangDiagnostic>();
                result.Add(new ClangDiagnostic("<command line>", 0, 0, u.Groups["sev"].Value, u.Groups["msg"].Value, notes));
            }
        }
        return result;
    }
}

/// <summary>
/// clang-14, the judge. Runs it with the target's triple and only the given include folders
/// (<c>-nostdinc</c>: the model is read from exactly those folders, so clang must see the same files).
/// </summary>
internal static class ClangTool
{

    /// <summary>clang-14's path: <c>KVMSHARP_CLANG</c> when set, else the Debian package's binary.</summary>
    public static string Path { get; } = Environment.GetEnvironmentVariable("KVMSHARP_CLANG") is { Length: > 0 } p ? p : "/usr/bin/clang-14";

    /// <summary>Why the oracle cannot run here, or null.</summary>
    public static string? UnavailableReason =>
        File.Exists(Path) ? null : $"clang-14 not found at {Path}: install the Debian package clang-14 (or set KVMSHARP_CLANG)";

    /// <summary>
    /// clang's resource headers (its own <c>stddef.h</c>, <c>stdint.h</c>, ...), which <c>-nostdinc</c> leaves out: given
    /// after the model's folders, they stand where the front-end searches its built-in freestanding headers.
    /// </summary>
    public static string ResourceIncludeDirectory => resourceIncludeDirectory.Value;

    private static readonly Lazy<string> resourceIncludeDirectory = new(() => Run(new[] { "-print-resource-dir" }).StandardOutput.Trim() + "/include");

    /// <summary>The arguments every run shares: target, no host headers, the model's include folders.</summary>
    public static List<string> CommonArguments(string triple, IEnumerable<string> includeDirectories)
    {
        var args = new List<string> { $"--target={triple}", "-nostdinc", "-fno-color-diagnostics", "-fno-caret-diagnostics" };
        foreach (var dir in includeDirectories)
        {
            args.Add("-isystem");
            args.Add(dir);
        }
        return args;
    }

    /// <summary>Runs clang with <paramref name="arguments"/>; throws when it cannot be started or hangs.</summary>
    public static ClangRun Run(IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var a in arguments)
            info.ArgumentList.Add(a);
        // English, uncoloured messages whatever the test machine's locale.
        info.Environment["LC_ALL"] = "C";

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {Path}");
        process.StandardInput.Close();
        // Both streams at once: the layout dump of kvm.h is megabytes and would fill the pipe.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(HungWorkLimit.Process))
        {
            process.Kill(entireProcessTree: true);
            throw HungWorkLimit.TimedOut($"clang {string.Join(' ', info.ArgumentList)}", HungWorkLimit.Process);
        }
        process.WaitForExit();
        return new ClangRun(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }
}
