using System.Text;

namespace KvmSharp.Cli;

/// <summary><c>kvmgen dump</c>: reads the header from the disk and writes the model as JSON.</summary>
internal static class DumpCommand
{
    /// <summary>Runs the command; returns the exit status (0, or 1 when an error was reported).</summary>
    public static int Run(HeaderOptions options, TextWriter stdout, TextWriter stderr)
    {
        var model = HeaderReading.Read(options, stderr);
        if (model is null)
            return ExitStatus.Failure;

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

        return HeaderReading.Status(model);
    }

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
