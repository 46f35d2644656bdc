using System;
using System.Collections.Generic;
using System.Linq;

namespace KvmSharp.Generator.ContractFormat;

/// <summary>
/// The lexical layer of the <c>*.kvmcontracts</c> format, which two readers share: the capability contracts
/// (<see cref="ContractTextParser"/>, in the analyzers and the generator) and the <c>ioctl</c> statements
/// (<c>IoctlStatementParser</c>, in the generator). One directive a line, words separated by blanks, <c>#</c> to the
/// end of the line is a comment.
/// </summary>
internal static class ContractLines
{
    /// <summary>The directive of the ioctl statements; the contract reader skips those lines.</summary>
    public const string IoctlDirective = "ioctl";

    private static readonly char[] Blanks = { ' ', '\t', '\r' };
    private static readonly char[] BlanksAndCommas = { ' ', '\t', '\r', ',' };

    /// <summary>The words of every line that has any, with its 1-based number; <paramref name="commas"/> separates words too.</summary>
    public static IEnumerable<(int Line, string[] Words)> Read(string text, bool commas = false)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var hash = line.IndexOf('#');
            if (hash >= 0)
                line = line.Substring(0, hash);
            var words = line.Split(commas ? BlanksAndCommas : Blanks, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length > 0)
                yield return (i + 1, words);
        }
    }

    /// <summary>A C macro name as the header spells constants: capitals, digits and underscores, not starting with a digit.</summary>
    public static bool IsMacro(string word)
        => word.Length > 0 && !char.IsDigit(word[0]) && word.All(c => c == '_' || char.IsDigit(c) || (c >= 'A' && c <= 'Z'));
}
