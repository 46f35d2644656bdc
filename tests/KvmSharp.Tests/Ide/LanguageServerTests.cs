using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KvmSharp.Tests.Analyzers;
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

    // One misuse each of KVM0001, KVM0003 and KVM0009, one correct call; the marks are where the diagnostics must be.
    private const string ProgramMarkup = """
        using KvmSharp;

        using var kvm = KvmSystem.Open();
        using var vm = kvm.CreateVm();
        if (vm.CheckExtension(KvmCapability.ArmLockUserMemoryRegion) != 0)
        {
            const uint Lock = (uint)KvmConstants.KVM_ARM_LOCK_USER_MEMORY_REGION_FLAGS_LOCK;
            const ulong Read = (ulong)KvmConstants.KVM_ARM_LOCK_MEM_READ;
            vm.EnableCap(KvmCapability.ArmLockUserMemoryRegion, Lock, 0, Read);
            vm.EnableCap(KvmCapability.ArmLockUserMemoryRegion, Lock, 0, {|KVM0001:0|});
            vm.EnableCap(KvmCapability.ArmLockUserMemoryRegion, Lock, 0, Read, {|KVM0003:1|});
        }
        {|KVM0009:vm.EnableCap(KvmCapability.ArmNisvToUser)|};
        KvmUserspaceMemoryRegion region = default;
        Console.WriteLine(region.Slot);

        """;

    [SkippableFact]
    public async Task CsharpLsShowsTheAnalyzersDiagnosticsTheGeneratedMembersAndTheHeadersDocs()
    {
        var server = CsharpLsTool.Locate(out var reason);
        Skip.If(server is null, reason);
        var (project, include) = ArmConsumer("IdeConsumer");
        var (source, marks) = AnalyzerHarness.Markup(ProgramMarkup);
        var program = Path.Combine(project, "Program.cs");
        File.WriteAllText(program, source);
        var lines = SourceText.From(source).Lines;
        var expected = marks.Select(m => (m.Id, Range(lines.GetLinePositionSpan(TextSpan.FromBounds(m.Start, m.End))))).ToList();

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
        var header = File.ReadAllText(Path.Combine(include, "linux", "kvm.h"));
        foreach (var capability in new[] { "KVM_CAP_ARM_LOCK_USER_MEMORY_REGION", "KVM_CAP_ARM_NISV_TO_USER", "KVM_CAP_USER_MEMORY" })
        {
            Assert.Matches($@"(?m)^#define {capability}\s", header);
            Assert.Contains(MemberName(capability), labels);
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

    /// <summary>
    /// A console project with KvmSharp for arm64 on the patched header (a folder listed first in KvmIncludeDirectories,
    /// set in the project file, where the language server's design-time build reads it): the project folder and the
    /// patched include folder.
    /// </summary>
    private (string Project, string Include) ArmConsumer(string name)
    {
        var project = feed.NewConsoleProject(name);
        var include = PatchedHeaderProjectTests.WritePatchedHeader(Path.Combine(project, "..", "patched-include"));
        var file = Path.Combine(project, name + ".csproj");
        File.WriteAllText(file, File.ReadAllText(file).Replace("</PropertyGroup>",
            $"  <KvmTargetArch>arm64</KvmTargetArch>\n    <KvmIncludeDirectories>{include}</KvmIncludeDirectories>\n  </PropertyGroup>"));
        feed.Dotnet(project, "restore").Succeeded();
        return (project, include);
    }

    private static LspRange Range(LinePositionSpan span)
        => new(span.Start.Line, span.Start.Character, span.End.Line, span.End.Character);

    // KvmCapability's members: the C name after KVM_CAP_, each '_'-separated word capitalized (KVM_CAP_ARM_MTE: ArmMte).
    private static string MemberName(string capability)
        => string.Concat(capability["KVM_CAP_".Length..].Split('_', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => char.ToUpperInvariant(w[0]) + w[1..].ToLowerInvariant()));
}
