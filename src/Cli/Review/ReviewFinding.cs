namespace KvmSharp.Cli.Review;

/// <summary>One thing a reviewer would point out, where it is.</summary>
/// <param name="Id">The check's stable ID (<see cref="ReviewIds"/>).</param>
/// <param name="File">The file, as given on the command line or as the front-end opened it.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Message">What is wrong and what was expected, with "did you mean" where a near name exists.</param>
internal sealed record ReviewFinding(string Id, string File, int Line, int Column, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"{File}:{Line}:{Column}: {Id}: {Message}";
}
