namespace KvmSharp.Cli.Diff;

/// <summary><c>kvmgen diff</c>: what changed in the uAPI between two header trees of one target.</summary>
internal static class DiffCommand
{
    /// <summary>
    /// Reads both headers and writes the report; returns 0 when nothing breaks, 1 when something does or a header
    /// could not be read (its errors are on <paramref name="stderr"/>).
    /// </summary>
    public static int Run(DiffOptions options, TextWriter stdout, TextWriter stderr)
    {
        var old = Read(options, options.Old, stderr);
        var @new = Read(options, options.New, stderr);
        if (old is null || @new is null)
            return ExitStatus.Failure;
        // A header with errors has holes: a missing record would read as removed. Refuse rather than mislead.
        if (HeaderReading.Status(old) != ExitStatus.Success || HeaderReading.Status(@new) != ExitStatus.Success)
        {
            stderr.WriteLine("kvmgen: error: a header has errors (above); no diff is reported for headers that did not read cleanly");
            return ExitStatus.Failure;
        }

        var report = AbiDiff.Compare(old, @new);
        var oldLabel = Label(options.Old, report.OldVersion);
        var newLabel = Label(options.New, report.NewVersion);
        stdout.Write(options.Json ? DiffReportWriter.Json(report, oldLabel, newLabel) : DiffReportWriter.Text(report, oldLabel, newLabel));
        stdout.Flush();
        return report.HasBreak ? ExitStatus.Failure : ExitStatus.Success;
    }

    private static Generator.Model.HeaderModel? Read(DiffOptions options, IReadOnlyList<string> folders, TextWriter stderr)
        => HeaderReading.Read(new HeaderOptions(options.Arch, folders, IncludesGiven: true, options.Header, OutputFile: null), stderr);

    private static string Label(IReadOnlyList<string> folders, string? version)
        => string.Join(":", folders) + (version is null ? "" : $" (Linux {version})");
}
