using System.Text.RegularExpressions;
using KvmSharp.Cli.ApiRst;
using KvmSharp.Generator.Model;

namespace KvmSharp.Cli.Review;

/// <summary>
/// KVMR0009: api.rst writes the data direction of an ioctl's argument in its <c>:Parameters:</c>: <c>(in)</c> is read by
/// the kernel (<c>_IOW</c>), <c>(out)</c> written by it (<c>_IOR</c>), <c>(in/out)</c> both (<c>_IOWR</c>). A section
/// whose parameters say one direction for every ioctl it documents is held to each one's macro; <c>_IO</c> ioctls, whose
/// argument is a value the request does not describe, are left out, as are sections that name more than one direction.
/// </summary>
internal static class DirectionCheck
{
    private static readonly Regex Direction = new(@"\((in|out|in/out|in-out|inout)\)", RegexOptions.IgnoreCase);

    public static void Run(ReviewContext context, List<ReviewFinding> findings)
    {
        var ioctls = context.Model.Ioctls.GroupBy(i => i.Name).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var heading in context.Outline.Headings.Where(h => h.Chapter == "4" && h.Number.Contains('.')))
        {
            foreach (var parameters in heading.Fields.Where(f => f.Name == "Parameters"))
            {
                var said = Direction.Matches(parameters.Value).Select(m => Parse(m.Groups[1].Value)).Distinct().ToList();
                if (said.Count != 1)
                    continue;
                foreach (var name in ApiRstDocument.NamesOf(heading.Title))
                {
                    if (!ioctls.TryGetValue(name, out var ioctl) || ioctl.Direction == IoctlDirection.None || ioctl.Direction == said[0])
                        continue;
                    findings.Add(new ReviewFinding(ReviewIds.Direction, context.ApiRstPath, parameters.Line, 1,
                        $"{name}'s parameter is documented {Word(said[0])}, but the header defines it with {Macro(ioctl.Direction)} " +
                        $"({Word(ioctl.Direction)}, {ioctl.Location})"));
                }
            }
        }
    }

    private static IoctlDirection Parse(string word) => word.ToLowerInvariant() switch
    {
        "in" => IoctlDirection.Write,
        "out" => IoctlDirection.Read,
        _ => IoctlDirection.ReadWrite,
    };

    private static string Word(IoctlDirection direction) => direction switch
    {
        IoctlDirection.Write => "(in)",
        IoctlDirection.Read => "(out)",
        _ => "(in/out)",
    };

    private static string Macro(IoctlDirection direction) => direction switch
    {
        IoctlDirection.Write => "_IOW",
        IoctlDirection.Read => "_IOR",
        _ => "_IOWR",
    };
}
