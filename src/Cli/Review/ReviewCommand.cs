using KvmSharp.Generator.FrontEnd;
using KvmSharp.Generator.Model;

namespace KvmSharp.Cli.Review;

/// <summary><c>kvmgen review</c>: the checks a reviewer of a KVM uAPI patch makes by eye, on the patched tree.</summary>
internal static class ReviewCommand
{
    /// <summary>
    /// Reads the headers and api.rst, writes one line per finding (<c>file:line:col: KVMR000N: message</c>) and a count;
    /// returns 0 when there is nothing to report, 1 when there is or an input could not be read.
    /// </summary>
    public static int Run(ReviewOptions options, TextWriter stdout, TextWriter stderr)
    {
        string apiRst;
        try
        {
            apiRst = File.ReadAllText(options.ApiRst);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            stderr.WriteLine($"kvmgen: error: cannot read the api.rst {options.ApiRst}: {exception.Message}");
            return ExitStatus.Failure;
        }
        var model = Read(options, options.Include, stderr);
        var @base = options.Base is null ? null : Read(options, options.Base, stderr);
        if (model is null || (options.Base is not null && @base is null))
            return ExitStatus.Failure;

        var findings = Review(new ReviewContext(options.Arch, model, @base, options.ApiRst, apiRst, DiskHeaderFiles.Instance,
            DefinedIn(options.OtherIncludes ?? Array.Empty<string>())));
        foreach (var finding in findings)
            stdout.WriteLine(finding.ToString());
        stdout.WriteLine(findings.Count == 0 ? "kvmgen review: no findings" : $"kvmgen review: {findings.Count} finding{(findings.Count == 1 ? "" : "s")}");
        stdout.Flush();
        return findings.Count == 0 && HeaderReading.Status(model) == ExitStatus.Success ? ExitStatus.Success : ExitStatus.Failure;
    }

    /// <summary>Every check's findings, by file, line and column.</summary>
    public static List<ReviewFinding> Review(ReviewContext context)
    {
        var findings = new List<ReviewFinding>();
        MentionCheck.Run(context, findings);
        ConflictMarkerCheck.Run(context, findings);
        DocumentationCheck.Run(context, findings);
        NumberingCheck.Run(context, findings);
        FlagBitCheck.Run(context, findings);
        DirectionCheck.Run(context, findings);
        return findings.OrderBy(f => f.File, StringComparer.Ordinal).ThenBy(f => f.Line).ThenBy(f => f.Column).ThenBy(f => f.Id, StringComparer.Ordinal).ToList();
    }

    // Another architecture's names: what its asm/ headers #define. Their text is enough; no target is read for them.
    private static HashSet<string> DefinedIn(IReadOnlyList<string> folders)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var folder in folders)
        {
            var asm = Path.Combine(folder, "asm");
            if (!Directory.Exists(asm))
                continue;
            foreach (var file in Directory.EnumerateFiles(asm, "*.h"))
            {
                if (DiskHeaderFiles.Instance.TryRead(file) is { } text)
                    names.UnionWith(ReviewContext.DefinedIn(text));
            }
        }
        return names;
    }

    private static HeaderModel? Read(ReviewOptions options, IReadOnlyList<string> folders, TextWriter stderr)
        => HeaderReading.Read(new HeaderOptions(options.Arch, folders, IncludesGiven: true, options.Header, OutputFile: null), stderr);
}
