using System.Text.RegularExpressions;
using KvmSharp.Cli.Review;

namespace KvmSharp.Tests.Review;

/// <summary>One finding as <c>kvmgen review</c> printed it.</summary>
internal sealed record PrintedFinding(string File, int Line, int Column, string Id, string Message)
{
    private static readonly Regex Location = new(@"(?:/[^\s:()]+)+:\d+:\d+|\(line \d+\)");

    /// <summary>The check and the message without file locations (which move when a patch adds lines).</summary>
    public string Key => Id + " " + Location.Replace(Message, "LOCATION");

    /// <summary>The first <c>KVM_*</c> name of the message: what the finding is about.</summary>
    public string Subject => Regex.Match(Message, @"\bKVM_\w+").Value;

    public override string ToString() => $"{File}:{Line}:{Column}: {Id}: {Message}";
}

/// <summary>What one in-process <c>kvmgen review</c> printed and returned.</summary>
internal sealed record ReviewRun(int ExitCode, string Stdout, string Stderr)
{
    private static readonly Regex Line = new(@"^(?<file>.+?):(?<line>\d+):(?<col>\d+): (?<id>KVMR\d{4}): (?<msg>.*)$", RegexOptions.Multiline);

    /// <summary>The finding lines of the output.</summary>
    public IReadOnlyList<PrintedFinding> Findings => Line.Matches(Stdout.Replace("\r", ""))
        .Select(m => new PrintedFinding(m.Groups["file"].Value, int.Parse(m.Groups["line"].Value), int.Parse(m.Groups["col"].Value),
            m.Groups["id"].Value, m.Groups["msg"].Value)).ToList();

    public static ReviewRun Of(ReviewOptions options)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var status = ReviewCommand.Run(options, stdout, stderr);
        return new ReviewRun(status, stdout.ToString(), stderr.ToString());
    }

    public override string ToString() => $"exit {ExitCode}\n{Stdout}\nstderr:\n{Stderr}";
}
