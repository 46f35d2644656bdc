using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KvmSharp.Tests.Packaging;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace KvmSharp.Tests.Ide;

/// <summary>
/// A real C# language server, csharp-ls, on a project that references the packed KvmSharp as a user's project does
/// (arm64, on the lock-memslot patched header in the test's temp folder): the analyzers' diagnostics at their ranges,
/// the generated members in completion, the header's comment in hover. What csharp-ls cannot do with a package
/// (its code fixes, edits of AdditionalFiles, generator diagnostics) is in the README's "In your editor".
/// </summary>
[Collection(PackagingCollection.Name)]
public sealed class LanguageServerTests(LocalFeed feed)
{
    // The first answer waits for the server's design-time build of the project, restore and generator included: minutes
    // on a loaded 2-core machine. Only a hung server reaches it, and then the test says "timed out under load".
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(8);

    [SkippableFact]
    public async Task CsharpLsShowsTheAnalyzersDiagnosticsTheGeneratedMembersAndTheHeadersDocs()
    {
        var server = CsharpLsTool.Locate(out var reason);
        Skip.If(server is null, reason);
        var consumer = IdeConsumer.Create(feed, "IdeConsumer");
        var (project, program, source) = (consumer.Folder, consumer.Program, consumer.Source);
        var lines = SourceText.From(source).Lines;
        var expected = consumer.Expected.Select(m => (m.Id, Range(lines.GetLinePositionSpan(m.Span)))).ToList();

        // csharp.analyzersEnabled: csharp-ls runs no analyzer of a package without it (its default is false).
        await using var editor = await EditorSession.Open(server!, project, new JsonObject { ["analyzersEnabled"] = true },
            new Dictionary<string, string> { ["NUGET_PACKAGES"] = feed.Packages, ["DOTNET_CLI_UI_LANGUAGE"] = "en" }, Bound);
        await editor.OpenDocument(program, source);

        var diagnostics = await editor.Diagnostics(program);
        // Warnings and errors only: the SDK's hidden and info suggestions are not what this asserts.
        var actual = diagnostics.Where(d => d.Severity <= 2).Select(d => (Id: d.Code, d.Range)).OrderBy(d => d.Range.StartLine)
            .ThenBy(d => d.Range.StartCharacter).ToList();
        Assert.True(expected.SequenceEqual(actual),
            $"expected:\n  {string.Join("\n  ", expected)}\nreported:\n  {string.Join("\n  ", diagnostics)}\nserver log:\n{editor.Client.LogTail}");

        // Completion after "KvmCapability." on a new last line: the header's capabilities (unconditional ones: the
        // header's #ifdef __KVM_HAVE_* keep x86's out of arm64), the patch's own among them.
        var typed = source + "_ = KvmCapability.";
        await editor.ChangeDocument(program, typed);
        var typedLines = SourceText.From(typed).Lines;
        var end = typedLines.GetLinePosition(typed.Length);
        var labels = await editor.Completion(program, end.Line, end.Character);
        var header = File.ReadAllText(consumer.Header);
        foreach (var capability in new[] { "KVM_CAP_ARM_LOCK_USER_MEMORY_REGION", "KVM_CAP_ARM_NISV_TO_USER", "KVM_CAP_USER_MEMORY" })
        {
            Assert.Matches($@"(?m)^#define {capability}\s", header);
            Assert.Contains(IdeConsumer.MemberName(capability), labels);
        }
        await editor.ChangeDocument(program, source);

        // Hover on the generated struct: its C name and the comment the header has above it.
        var comment = Regex.Match(header, @"/\*\s*(.+?)\s*\*/\s*\nstruct kvm_userspace_memory_region \{");
        Assert.True(comment.Success, "the header has no comment above struct kvm_userspace_memory_region");
        var at = source.IndexOf("KvmUserspaceMemoryRegion region", StringComparison.Ordinal) + 3;
        var position = lines.GetLinePosition(at);
        var hover = await editor.Hover(program, position.Line, position.Character);
        Assert.Contains("struct kvm_userspace_memory_region", hover);
        Assert.Contains(comment.Groups[1].Value, hover);
    }

    private static LspRange Range(LinePositionSpan span)
        => new(span.Start.Line, span.Start.Character, span.End.Line, span.End.Character);
}
