using KvmSharp.Generator.ContractFormat;
using KvmSharp.Generator.Facts;
using KvmSharp.Generator.Model;

namespace KvmSharp.Generator.FrontEnd.Placement;

/// <summary>
/// Reads the <c>ioctl</c> lines of a <c>*.kvmcontracts</c> file: <c>ioctl KVM_X on FD[,FD...]</c> with FD one of
/// <c>system</c>, <c>vm</c>, <c>vcpu</c>, <c>device</c> (blanks or commas between them). Every other directive
/// belongs to the capability contracts, which the analyzers read; they skip these lines.
/// </summary>
public static class IoctlStatementParser
{
    /// <summary>The directive this parser owns.</summary>
    public const string Directive = ContractLines.IoctlDirective;

    /// <summary>The statements of <paramref name="text"/>; each unreadable <c>ioctl</c> line adds a problem (line, message).</summary>
    public static List<IoctlStatement> Parse(string text, string file, List<(int Line, string Message)> problems)
    {
        var statements = new List<IoctlStatement>();
        foreach (var (line, words) in ContractLines.Read(text, commas: true))
        {
            if (words[0] != Directive)
                continue;
            if (words.Length < 4 || words[2] != "on" || !ContractLines.IsMacro(words[1]))
            {
                problems.Add((line, "expected 'ioctl KVM_NAME on FD', FD one or more of system, vm, vcpu, device"));
                continue;
            }
            var fds = IoctlFds.None;
            string? bad = null;
            foreach (var word in words.Skip(3))
            {
                if (IoctlFactTable.ParseFd(word) is { } fd)
                    fds |= IoctlFdSets.Of(fd);
                else
                    bad ??= word;
            }
            if (bad is not null)
            {
                problems.Add((line, $"'{bad}' is not an fd; expected system, vm, vcpu or device"));
                continue;
            }
            statements.Add(new IoctlStatement(words[1], fds, file, line));
        }
        return statements;
    }
}
