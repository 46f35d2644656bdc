using System.Text;
using KvmSharp.Generator;
using KvmSharp.Generator.Diagnostics;
using KvmSharp.Generator.Model;

namespace KvmSharp.Cli;

/// <summary><c>kvmgen dump</c>: reads the header from the disk and writes the model as JSON.</summary>
internal static class DumpCommand
{
    /// <summary>Runs the command; returns the exit status (0, or 1 when an error was reported).</summary>
    public static int Run(DumpOptions options, TextWriter stdout, TextWriter stderr)
    {
        // Checked before reading so that the commonest failure on a fresh machine, a missing package,
        // gets one line that says what to install rather than a front-end diagnostic.
        if (!HeaderExists(options))
        {
            stderr.WriteLine($"kvmgen: error: {options.Header} not found in {DescribeDirectories(options.IncludeDirectories)}; "
                + options.Arch.InstallHint($"pass --include DIR for a folder that holds the {options.Arch.Name} uAPI headers"));
            return ExitStatus.Failure;
        }

        HeaderModel model;
        try
        {
            model = HeaderFrontEnd.Read(
                new HeaderRequest(options.Arch, options.IncludeDirectories, options.Header), DiskHeaderFiles.Instance);
        }
        catch (Exception exception)
        {
            // The front-end promises diagnostics, not exceptions: anything thrown is a KvmSharp bug, and
            // the full trace is what a bug report needs.
            stderr.WriteLine($"kvmgen: internal error: the front-end failed on {options.Header} for {options.Arch.Name}: {exception}");
            return ExitStatus.Failure;
        }

        foreach (var diagnostic in model.Diagnostics)
            stderr.WriteLine(diagnostic.ToString());
        if (model.Diagnostics.Any(d => d.Id is DiagnosticIds.Include or DiagnosticIds.HeaderNotFound))
            stderr.WriteLine($"kvmgen: note: an included header was not found; {options.Arch.InstallHint($"pass --include DIR for a folder that holds the {options.Arch.Name} uAPI headers")}");

        var json = ModelJson.ToUtf8(model);
        if (options.OutputFile is null)
        {
            stdout.Write(Encoding.UTF8.GetString(json));
            stdout.Flush();
        }
        else if (!TryWriteFile(options.OutputFile, json, stderr))
        {
            return ExitStatus.Failure;
        }

        return model.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error) ? ExitStatus.Failure : ExitStatus.Success;
    }

    private static bool HeaderExists(DumpOptions options)
        => options.IncludeDirectories.Any(directory => File.Exists(Path.Combine(directory, options.Header)));

    private static string DescribeDirectories(IReadOnlyList<string> directories)
        => string.Join(", ", directories.Select(d => Directory.Exists(d) ? d : d + " (no such directory)"));

    private static bool TryWriteFile(string path, byte[] json, TextWriter stderr)
    {
        try
        {
            File.WriteAllBytes(path, json);
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            stderr.WriteLine($"kvmgen: error: cannot write {path}: {exception.Message}");
            return false;
        }
    }
}
