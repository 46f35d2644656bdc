using System.Text.RegularExpressions;
using KvmSharp.Generator.Facts;
using KvmSharp.Generator.FrontEnd.Targets;
using KvmSharp.Generator.FrontEnd;
using KvmSharp.Generator.Model;
using KvmSharp.Generator;
using Xunit;

namespace KvmSharp.Tests.Kernels;

/// <summary>
/// IoctlCalls.txt against each release's api.rst: what a line quotes is in the ioctl's section, an <c>_IO</c> ioctl
/// api.rst documents with <c>:Parameters: none</c> takes no argument in the table, one with parameters is not
/// "none", and a yes-or-no answer's errno is the one the section lists.
/// </summary>
public sealed class IoctlCallTableTests
{
    [Fact]
    public void What_each_line_quotes_from_api_rst_is_in_the_section_of_a_release()
    {
        foreach (var call in IoctlCallTable.BuiltIn.All.Where(c => c.Source.StartsWith("api.rst", StringComparison.Ordinal)))
        {
            var quotes = Regex.Matches(call.Source, "\"([^\"]+)\"").Select(m => Normalize(m.Groups[1].Value)).ToList();
            Assert.True(quotes.Count > 0, $"{call.Name}: an api.rst source quotes what api.rst says");
            var sections = KernelRelease.All.Select(r => SectionText(r, call.Name)).OfType<string>().ToList();
            Assert.True(sections.Count > 0, $"{call.Name}: no release's api.rst has a section for it");
            foreach (var quote in quotes)
                Assert.True(sections.Any(s => s.Contains(quote, StringComparison.Ordinal)), $"{call.Name}: no release's api.rst section says \"{quote}\"");
        }
    }

    [Theory]
    [MemberData(nameof(KernelRelease.WithX86AndArm64), MemberType = typeof(KernelRelease))]
    public void Every_io_ioctl_api_rst_documents_agrees_with_the_table(string version, string archName)
    {
        var release = KernelRelease.Get(version);
        var arch = TargetArch.Find(archName)!;
        var model = HeaderFrontEnd.Read(new HeaderRequest(arch, release.IncludeDirectories(arch)), DiskHeaderFiles.Instance);
        var checkedCount = 0;
        foreach (var ioctl in model.Ioctls.Where(i => i.Direction == IoctlDirection.None && !i.Name.StartsWith("__", StringComparison.Ordinal)))
        {
            if (Field(release, ioctl.Name, "Parameters") is not { } parameters)
                continue;
            var call = IoctlCallTable.BuiltIn.Find(ioctl.Name);
            var none = parameters.Equals("none", StringComparison.OrdinalIgnoreCase);
            if (none)
                Assert.True(call is { Kind: IoctlCallKind.None }, $"{release}: api.rst says {ioctl.Name} takes no parameter; the table says {call?.Kind.ToString() ?? "nothing"}");
            else if (call is not null)
                Assert.True(call.Kind != IoctlCallKind.None, $"{release}: api.rst gives {ioctl.Name} \":Parameters: {parameters}\"; the table says none");
            checkedCount++;
        }
        Assert.True(checkedCount >= 10, $"{release} {arch.Name}: only {checkedCount} documented _IO ioctls");
    }

    [Fact]
    public void A_yes_or_no_answers_no_with_the_errno_its_section_lists()
    {
        foreach (var call in IoctlCallTable.BuiltIn.All.Where(c => c.Kind == IoctlCallKind.YesNo))
        {
            var sections = KernelRelease.All.Select(r => SectionText(r, call.Name)).OfType<string>().ToList();
            Assert.NotEmpty(sections);
            Assert.All(sections, s => Assert.Matches($@"\b{call.NoErrno}\b", s));
        }
    }

    [Fact]
    public void The_table_reports_lines_it_cannot_read()
    {
        var problems = new List<string>();
        var table = IoctlCallTable.Parse("KVM_A | none | x\nKVM_B | value Bad | x\nKVM_C | yes-no nope | x\nKVM_A | none | y\nKVM_D | maybe | x\n", problems);

        Assert.Equal(["KVM_A"], table.All.Select(c => c.Name));
        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("line 4: KVM_A is listed twice", StringComparison.Ordinal));
    }

    // The text of the section that documents name in release's api.rst (kvmgen's outline of it), whitespace collapsed; null when none does.
    private static string? SectionText(KernelRelease release, string name)
    {
        var document = ReleaseApiRst.Of(release);
        if (!document.ByName.TryGetValue(name, out var section) || document.Outline.HeadingAt(section.Line) is not { } heading)
            return null;
        return Normalize(string.Join("\n", document.Outline.Lines.Skip(heading.Line - 1).Take(heading.LastLine - heading.Line + 1)));
    }

    // A field (":Parameters:") of the section that documents name, as the outline reads it.
    private static string? Field(KernelRelease release, string name, string field)
    {
        var document = ReleaseApiRst.Of(release);
        return document.ByName.TryGetValue(name, out var section) && document.Outline.HeadingAt(section.Line) is { } heading
            ? document.Outline.FieldsWithin(heading).FirstOrDefault(f => f.Name == field)?.Value.Trim()
            : null;
    }

    private static string Normalize(string text) => Regex.Replace(text, @"\s+", " ");
}
