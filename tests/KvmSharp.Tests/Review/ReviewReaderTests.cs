using KvmSharp.Cli.ApiRst;
using KvmSharp.Cli.Review;
using KvmSharp.Generator.FrontEnd.Targets;
using KvmSharp.Generator.FrontEnd;
using KvmSharp.Generator.Model;
using Xunit;

namespace KvmSharp.Tests.Review;

/// <summary>The review's readers on hand-written text: api.rst's outline, conflict markers, the suggestions.</summary>
public sealed class ReviewReaderTests
{
    private const string Text = """
        4. API description
        ==================

        The following information is provided along with the description:

          Capability:
              which KVM extension provides this ioctl.

          Type:
              system, vm, or vcpu.

        4.1 KVM_GET_API_VERSION
        -----------------------

        :Capability: basic
        :Type: system ioctl
        :Parameters: flags is one of KVM_A or
                     KVM_B
        :Returns: 12

        Mentions KVM_CAP_xyz, KVM_GET/SET_REGS, KVM_X_{A,B}, KVM_Y_* and KVM_GUESTDBG_EXIT_PENDING.

        7. Capabilities that can be enabled on VMs
        ==========================================

        7.30 KVM_CAP_NEW
        ----------------

        :Architectures: arm64

        7.30.1 KVM_NEW_FLAGS_LOCK
        -------------------------

        :Returns: 0
        """;

    [Fact]
    public void The_outline_has_every_numbered_heading_its_fields_and_the_chapters_field_lists()
    {
        var outline = ApiRstOutline.Parse(Text);

        Assert.Equal(new[] { "4", "4.1", "7", "7.30", "7.30.1" }, outline.Headings.Select(h => h.Number));
        Assert.Equal(new[] { "Capability", "Type" }, outline.ChapterFields["4"]);
        var parameters = outline.Headings[1].Fields.Single(f => f.Name == "Parameters");
        Assert.Equal(("flags is one of KVM_A or KVM_B", 17), (parameters.Value, parameters.Line));
        // The subsection's :Returns: counts for its section; its :Architectures: is its section's.
        var section = outline.SectionOf("KVM_CAP_NEW")!;
        Assert.Equal(new[] { "Architectures", "Returns" }, outline.FieldsWithin(section).Select(f => f.Name));
        Assert.Equal("arm64", outline.ArchitecturesAt(outline.Headings[4].Line + 3)!.Value);
    }

    [Fact]
    public void Patterns_are_not_mentions()
    {
        var mentions = ApiRstOutline.Parse(Text).Mentions.Where(m => m.Line == 21).Select(m => m.Name);

        Assert.Equal(new[] { "KVM_GUESTDBG_EXIT_PENDING" }, mentions);
    }

    [Fact]
    public void Conflict_markers_are_found_in_the_headers_too_and_a_lone_separator_is_an_underline()
    {
        var folder = Directory.CreateTempSubdirectory("kvmsharp-review-markers-").FullName;
        try
        {
            var header = Path.Combine(folder, "kvm.h");
            File.WriteAllText(header, "#define KVM_A 1\n<<<<<<< HEAD\n#define KVM_B 2\n=======\n#define KVM_B 3\n>>>>>>> topic\n");
            var files = new FakeFiles(header);
            var model = new HeaderModel("arm64", false, false, default, default, default, default, default, default, default,
                new[] { header }.ToEquatableArray());
            var context = new ReviewContext(TargetArch.Arm64, model, null, "api.rst", "Title\n=======\n\ntext\n", files);

            var findings = ReviewCommand.Review(context);

            Assert.All(findings, f => Assert.Equal(ReviewIds.ConflictMarker, f.Id));
            Assert.Equal(new[] { 2, 4, 6 }, findings.Select(f => f.Line));
            Assert.All(findings, f => Assert.Equal(header, f.File));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("KVM_CAP_STATS_BINARY_FD", "KVM_CAP_BINARY_STATS_FD")]
    [InlineData("KVM_RUN_BUS_LOCK", "KVM_RUN_X86_BUS_LOCK")]
    [InlineData("KVM_EXIT_PAPR", "KVM_EXIT_PAPR_HCALL")]
    [InlineData("KVM_ARM_LOCK_MEMORY_READ", "KVM_ARM_LOCK_MEM_READ")]
    [InlineData("KVM_FROBNICATE", null)]
    public void Suggestions_prefer_the_same_words(string name, string? expected)
    {
        var known = new[] { "KVM_CAP_BINARY_STATS_FD", "KVM_RUN_X86_BUS_LOCK", "KVM_EXIT_PAPR_HCALL", "KVM_EXIT_EPR", "KVM_ARM_LOCK_MEM_READ", "KVM_RUN" };

        Assert.Equal(expected, MentionSuggestion.Find(name, known));
    }

    private sealed class FakeFiles(string path) : KvmSharp.Generator.FrontEnd.IHeaderFiles
    {
        public string? TryRead(string p) => p == path ? File.ReadAllText(p) : null;
    }
}
