using KvmSharp.Tests.Analyzers;
using KvmSharp.Tests.Packaging;
using Microsoft.CodeAnalysis.Text;

namespace KvmSharp.Tests.Ide;

/// <summary>
/// The project the IDE tests open: a console project with the packed KvmSharp for arm64 on the lock-memslot patched
/// header (a folder listed first in KvmIncludeDirectories, set in the project file, where an IDE's design-time build
/// reads it), and a Program.cs with one misuse each of KVM0001, KVM0003 and KVM0009 and one correct call.
/// </summary>
internal sealed record IdeConsumer(string Folder, string ProjectFile, string Program, string Include, string Source,
    IReadOnlyList<(string Id, TextSpan Span)> Expected)
{
    // The marks are where the diagnostics must be (AnalyzerHarness.Markup).
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

    /// <summary>The patched linux/kvm.h the project reads.</summary>
    public string Header => Path.Combine(Include, "linux", "kvm.h");

    /// <summary>Creates the project in the feed's temp folder and restores it.</summary>
    public static IdeConsumer Create(LocalFeed feed, string name)
    {
        var folder = feed.NewConsoleProject(name);
        var include = PatchedHeaderProjectTests.WritePatchedHeader(Path.Combine(folder, "..", "patched-include"));
        var project = Path.Combine(folder, name + ".csproj");
        File.WriteAllText(project, File.ReadAllText(project).Replace("</PropertyGroup>",
            $"  <KvmTargetArch>arm64</KvmTargetArch>\n    <KvmIncludeDirectories>{include}</KvmIncludeDirectories>\n  </PropertyGroup>"));
        var (source, marks) = AnalyzerHarness.Markup(ProgramMarkup);
        var program = Path.Combine(folder, "Program.cs");
        File.WriteAllText(program, source);
        feed.Dotnet(folder, "restore").Succeeded();
        return new IdeConsumer(folder, project, program, include, source,
            marks.Select(m => (m.Id, TextSpan.FromBounds(m.Start, m.End))).ToList());
    }

    /// <summary>
    /// KvmCapability's member for a KVM_CAP_ macro: the C name after KVM_CAP_, each '_'-separated word capitalized
    /// (KVM_CAP_ARM_MTE: ArmMte), as the README's examples name them.
    /// </summary>
    public static string MemberName(string capability)
        => string.Concat(capability["KVM_CAP_".Length..].Split('_', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => char.ToUpperInvariant(w[0]) + w[1..].ToLowerInvariant()));
}
