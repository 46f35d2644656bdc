using System.Text.RegularExpressions;
using KvmSharp.Cli.ApiRst;

namespace KvmSharp.Cli.Review;

/// <summary>
/// KVMR0001: every <c>KVM_*</c> name api.rst mentions is defined by the header, or is one the kernel documents as gone
/// (a section whose ioctl "has been removed" or is deprecated, or "replaces the obsolete KVM_X"). A header is one
/// architecture's, api.rst every architecture's: a mention is another architecture's to check, and is left alone, when
/// it stands under an <c>:Architectures:</c> that does not name the target, when the name itself carries another
/// architecture's word (<c>KVM_REG_PPC_TAR</c>, <c>KVM_S390_RESET_POR</c>), or when a header of another architecture
/// given with <c>--other-include</c> defines it (<c>KVM_VCPUEVENT_VALID_SMM</c> in the x86 and arm64 section of
/// KVM_GET_VCPU_EVENTS), or when its line ends with an architecture tag that does not name the target (<c>[s390]</c>).
/// </summary>
internal static class MentionCheck
{
    public static void Run(ReviewContext context, List<ReviewFinding> findings)
    {
        var gone = new HashSet<string>(context.Document.ObsoleteByMention, StringComparer.Ordinal);
        foreach (var section in context.Document.Sections.Where(s => s.Removed || s.Deprecated))
            gone.UnionWith(section.Names);
        // Suggestions come from this header first, then from the other architectures'.
        var known = context.Defined.Where(n => n.StartsWith("KVM_", StringComparison.Ordinal)).OrderBy(n => n, StringComparer.Ordinal).ToList();
        var elsewhere = context.DefinedElsewhere.Where(n => n.StartsWith("KVM_", StringComparison.Ordinal) && !context.Defined.Contains(n))
            .OrderBy(n => n, StringComparer.Ordinal).ToList();
        var inScope = new Dictionary<int, bool>();
        foreach (var mention in context.Outline.Mentions)
        {
            if (context.Defined.Contains(mention.Name) || gone.Contains(mention.Name) || context.DefinedElsewhere.Contains(mention.Name)
                || OtherArchitecture(context, mention.Name))
                continue;
            if (!inScope.TryGetValue(mention.Line, out var scoped))
                inScope[mention.Line] = scoped = ForTarget(context, mention.Line);
            if (!scoped)
                continue;
            var near = MentionSuggestion.Find(mention.Name, known);
            var other = near is null ? MentionSuggestion.Find(mention.Name, elsewhere) : null;
            findings.Add(new ReviewFinding(ReviewIds.UndefinedName, context.ApiRstPath, mention.Line, mention.Column,
                $"{mention.Name} is not defined by the {context.Arch.Name} header"
                + (near is not null ? $"; did you mean {near}?" : other is not null ? $"; did you mean {other} (another architecture's)?" : "")));
        }
    }

    // The words of KvmSharp's targets and of the architectures KVM has that KvmSharp has no target for.
    private static readonly IReadOnlyDictionary<string, string?> ArchitectureWords = new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["X86"] = "x86_64",
        ["ARM"] = "arm64",
        ["ARM64"] = "arm64",
        ["AARCH64"] = "arm64",
        ["RISCV"] = "riscv64",
        ["PPC"] = "ppc64le",
        ["S390"] = "s390x",
        ["MIPS"] = null,
        ["LOONGARCH"] = null,
    };

    private static bool OtherArchitecture(ReviewContext context, string name)
        => name.Split('_').Any(word => ArchitectureWords.TryGetValue(word, out var arch) && arch != context.Arch.Name);

    // "- KVM_GUESTDBG_EXIT_PENDING:  trigger an immediate guest exit [s390]": a line tagged with its architectures.
    private static readonly Regex LineTag = new(@"\[([a-z0-9_, /]+)\]\s*$");

    private static bool ForTarget(ReviewContext context, int line)
    {
        if (LineTag.Match(context.Outline.Lines[line - 1]) is { Success: true } tag)
        {
            var tagged = ApiRstDocument.ArchesOf(tag.Groups[1].Value);
            if (tagged.Count > 0 || tag.Groups[1].Value.Contains("mips") || tag.Groups[1].Value.Contains("loongarch"))
                return tagged.Contains(context.Arch.Name);
        }
        return context.Outline.ArchitecturesAt(line) is not { } field || ApiRstDocument.ArchesOf(field.Value).Contains(context.Arch.Name);
    }
}
