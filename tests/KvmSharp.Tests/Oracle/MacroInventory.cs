using System.Text.RegularExpressions;

namespace KvmSharp.Tests.Oracle;

/// <summary>A macro as clang has it at the end of the header, and the line of its <c>#define</c>.</summary>
internal sealed record HeaderMacro(string Name, bool IsFunctionLike, string Body, string File, int Line)
{
    /// <summary>Defined by the compiler or the command line, not by a header file.</summary>
    public bool IsPredefined => File.StartsWith('<');
}

/// <summary>
/// Reads <c>clang -E -dD</c>: every <c>#define</c>/<c>#undef</c> in order, placed by the line markers, so the
/// oracle knows which macros the headers leave defined, which of them are object-like, and where each was
/// defined.
/// </summary>
internal static class MacroInventory
{
    private static readonly Regex Marker = new(@"^# (?<line>\d+) ""(?<file>(?:[^""\\]|\\.)*)""");
    private static readonly Regex Define = new(@"^#define (?<name>[A-Za-z_][A-Za-z_0-9]*)(?<paren>\()?(?<rest>.*)$");
    private static readonly Regex Undef = new(@"^#undef (?<name>[A-Za-z_][A-Za-z_0-9]*)");
    private static readonly Regex DefineInSource = new(@"^\s*#\s*define\s+(?<name>[A-Za-z_][A-Za-z_0-9]*)");

    /// <summary>The macros defined when the preprocessed text ends, in definition order.</summary>
    public static List<HeaderMacro> Parse(string preprocessed)
    {
        var live = new Dictionary<string, HeaderMacro>(StringComparer.Ordinal);
        var order = new List<string>();
        var file = "<stdin>";
        var line = 1;
        foreach (var raw in preprocessed.Split('\n'))
        {
            var text = raw.TrimEnd('\r');
            var marker = Marker.Match(text);
            if (marker.Success)
            {
                line = int.Parse(marker.Groups["line"].Value);
                file = Regex.Unescape(marker.Groups["file"].Value);
                continue;
            }
            var define = Define.Match(text);
            if (define.Success)
            {
                var name = define.Groups["name"].Value;
                var body = define.Groups["paren"].Success ? "(" + define.Groups["rest"].Value : define.Groups["rest"].Value.Trim();
                live[name] = new HeaderMacro(name, define.Groups["paren"].Success, body, file, line);
                order.Remove(name);
                order.Add(name);
            }
            else if (Undef.Match(text) is { Success: true } undef)
            {
                live.Remove(undef.Groups["name"].Value);
                order.Remove(undef.Groups["name"].Value);
            }
            line++;
        }
        return order.Select(n => live[n]).ToList();
    }

    /// <summary>
    /// The column of the macro's name in its <c>#define</c> line, read from the file clang read (1-based,
    /// bytes as the model counts them; a tab is one), or null when the line cannot be read.
    /// </summary>
    public static int? NameColumn(HeaderMacro macro, Func<string, string[]?> readLines)
    {
        var lines = readLines(macro.File);
        if (lines is null || macro.Line < 1 || macro.Line > lines.Length)
            return null;
        var m = DefineInSource.Match(lines[macro.Line - 1]);
        return m.Success && m.Groups["name"].Value == macro.Name ? m.Groups["name"].Index + 1 : null;
    }
}
