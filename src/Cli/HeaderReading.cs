using KvmSharp.Generator.Diagnostics;
using KvmSharp.Generator.FrontEnd.Targets;
using KvmSharp.Generator.FrontEnd;
using KvmSharp.Generator.FrontEnd.Preprocessing;
using KvmSharp.Generator.Model;
using KvmSharp.Generator;

namespace KvmSharp.Cli;

/// <summary>Reads the header every kvmgen command starts from, printing its problems on the error writer.</summary>
internal static class HeaderReading
{
    /// <summary>The model, or null when there is nothing to work on (the header is missing, or the front-end failed).</summary>
    public static HeaderModel? Read(HeaderOptions options, TextWriter stderr)
    {
        var hint = options.Arch.InstallHint($"pass --include DIR for a folder that holds the {options.Arch.Name} uAPI headers",
            options.Cross, ThisSystem());
        // Checked before reading so that the commonest failure on a fresh machine, a missing package,
        // gets one line that says what to install rather than a front-end diagnostic.
        if (!options.IncludeDirectories.Any(directory => File.Exists(Path.Combine(directory, options.Header))))
        {
            stderr.WriteLine($"kvmgen: error: {options.Header} not found in {DescribeDirectories(options.IncludeDirectories)}. {hint}");
            return null;
        }

        HeaderModel model;
        try
        {
            model = HeaderFrontEnd.Read(new HeaderRequest(options.Arch, options.IncludeDirectories, options.Header) { IncludeFirst = options.IncludeFirst }, DiskHeaderFiles.Instance);
        }
        catch (Exception exception)
        {
            // The front-end promises diagnostics, not exceptions: anything thrown is a KvmSharp bug, and
            // the full trace is what a bug report needs.
            stderr.WriteLine($"kvmgen: internal error: the front-end failed on {options.Header} for {options.Arch.Name}: {exception}");
            return null;
        }

        foreach (var diagnostic in model.Diagnostics)
            stderr.WriteLine(diagnostic.ToString());
        if (model.Diagnostics.Any(MissingHeader.CallsForUapiPackage))
            stderr.WriteLine($"kvmgen: note: an included uAPI header was not found. {hint}");
        return model;
    }

    /// <summary>Exit status for a model that was read: failure when the header had an error.</summary>
    public static int Status(HeaderModel model)
        => model.Diagnostics.Any(d => d.Severity == Generator.Model.DiagnosticSeverity.Error) ? ExitStatus.Failure : ExitStatus.Success;

    /// <summary>The distribution kvmgen runs on, from <c>/etc/os-release</c> (else <c>/usr/lib/os-release</c>), as KVMB0001 reads it.</summary>
    internal static OsRelease ThisSystem()
    {
        foreach (var path in new[] { "/etc/os-release", "/usr/lib/os-release" })
        {
            if (DiskHeaderFiles.Instance.TryRead(path) is { } text)
                return OsRelease.Parse(text);
        }
        return OsRelease.Unknown;
    }

    private static string DescribeDirectories(IReadOnlyList<string> directories)
        => string.Join(", ", directories.Select(d => Directory.Exists(d) ? d : d + " (no such directory)"));
}
