using System.Text.RegularExpressions;
using KvmSharp.Generator.Model;
using KvmSharp.Generator.FrontEnd.Targets;

namespace KvmSharp.Cli.ApiRst;

/// <summary>
/// Section 4 ("API description") of a release's <c>Documentation/virt/kvm/api.rst</c>, read independently of the
/// header: which fd and which architectures the kernel documents for each ioctl. The tests hold the shipped fact
/// table against it, so it must not lean on anything KvmSharp itself produces; <c>kvmgen review</c> reads a patched
/// tree's api.rst with it (and with <see cref="ApiRstOutline"/> for the other chapters).
/// </summary>
public sealed class ApiRstDocument
{
    // Headings come from ApiRstOutline: "4.N NAMES" (or, in older releases, "4.N. NAMES") over an underline, which
    // keeps prose that happens to start with "4.2 " out.
    private static readonly Regex Field = new(@"^:(Type|Architectures):\s*(.*?)\s*$");
    // "KVM_GET/SET_X": a verb alternative before a shared tail.
    private static readonly Regex VerbAlternatives = new(@"^KVM_([A-Z0-9]+)/([A-Z0-9]+)(_[A-Z0-9_]+)$");
    // "KVM_(UN)REGISTER_X": an optional prefix in parentheses.
    private static readonly Regex OptionalPrefix = new(@"^KVM_\(([A-Z0-9]+)\)([A-Z0-9_]+)$");
    private static readonly Regex IoctlName = new(@"^KVM_[A-Z0-9_]+$");
    // Said of the section's own ioctl; "the vcpu version of X is deprecated" (KVM_GET_SUPPORTED_HV_CPUID) is a
    // remark about one fd, and "#define ... /* deprecated */" about a flag, so neither matches.
    private static readonly Regex SelfDeprecated = new(@"\bthis ioctl is (?:now )?(?:deprecated|obsolete)\b", RegexOptions.IgnoreCase);
    private static readonly Regex SelfRemoved = new(@"\bthis ioctl is obsolete and has been removed\b", RegexOptions.IgnoreCase);
    // "This IOCTL replaces the obsolete KVM_CREATE_PIT": the one replaced is obsolete though it has no section.
    private static readonly Regex ReplacesObsolete = new(@"replaces the obsolete (KVM_[A-Z0-9_]+)", RegexOptions.IgnoreCase);

    private ApiRstDocument(IReadOnlyList<ApiRstSection> sections, IReadOnlySet<string> obsoleteByMention)
    {
        Sections = sections;
        ObsoleteByMention = obsoleteByMention;
        var byName = new Dictionary<string, ApiRstSection>(StringComparer.Ordinal);
        foreach (var section in sections)
        {
            foreach (var name in section.Names)
                byName.TryAdd(name, section);
        }
        ByName = byName;
    }

    /// <summary>The sections of chapter 4, in file order.</summary>
    public IReadOnlyList<ApiRstSection> Sections { get; }

    /// <summary>Each documented ioctl and its (first) section.</summary>
    public IReadOnlyDictionary<string, ApiRstSection> ByName { get; }

    /// <summary>Ioctls without a section of their own that another section calls obsolete ("replaces the obsolete KVM_X").</summary>
    public IReadOnlySet<string> ObsoleteByMention { get; }

    /// <summary>The whole text's outline, of which chapter 4 was read.</summary>
    public ApiRstOutline Outline { get; private init; } = null!;

    /// <summary>Reads api.rst text: only chapter 4, from "4. API description" to the next chapter (or the end).</summary>
    public static ApiRstDocument Parse(string text)
    {
        var outline = ApiRstOutline.Parse(text);
        var lines = outline.Lines;
        var sections = new List<ApiRstSection>();
        var obsolete = new HashSet<string>(StringComparer.Ordinal);
        var headings = outline.Headings;
        // Chapter 4 by position: from its own heading to the next chapter's, whatever other "4.N" lines stand elsewhere.
        var start = headings.ToList().FindIndex(h => h.Number == "4");
        for (var h = start + 1; start >= 0 && h < headings.Count && headings[h].Number.Contains('.'); h++)
        {
            // A section is "4.N": its subsections ("4.N.M", few) are part of its text.
            var heading = headings[h];
            if (heading.Chapter != "4" || heading.Number.Count(c => c == '.') != 1)
                continue;
            var next = headings.Skip(h + 1).FirstOrDefault(n => !n.IsWithin(heading));
            var first = heading.Line - 1;
            var last = next is null ? lines.Count : next.Line - 1;
            var body = lines.Skip(first + 2).Take(last - first - 2).ToList();
            foreach (var line in body)
            {
                foreach (Match m in ReplacesObsolete.Matches(line))
                    obsolete.Add(m.Groups[1].Value);
            }
            var title = heading.Title;
            var deprecated = title.Contains("(deprecated)", StringComparison.OrdinalIgnoreCase) || body.Any(l => SelfDeprecated.IsMatch(l));
            var removed = body.Any(l => SelfRemoved.IsMatch(l));
            sections.Add(new ApiRstSection(heading.Number, title, NamesOf(title), UsagesOf(body), deprecated, removed, heading.Line));
        }
        return new ApiRstDocument(sections, obsolete) { Outline = outline };
    }

    /// <summary>
    /// The ioctls a heading names: "A, B", "A/B", "KVM_(UN)REGISTER_X", "KVM_GET/SET_X", with any parenthesised
    /// remark ("(deprecated)", "(vm ioctl)") dropped.
    /// </summary>
    public static IReadOnlyList<string> NamesOf(string heading)
    {
        // Remarks are lower case words in parentheses; "(UN)" is part of a name and stays.
        var text = Regex.Replace(heading, @"\s*\([a-z][^)]*\)", "");
        var names = new List<string>();
        foreach (var raw in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (VerbAlternatives.Match(raw) is { Success: true } verbs)
            {
                names.Add("KVM_" + verbs.Groups[1].Value + verbs.Groups[3].Value);
                names.Add("KVM_" + verbs.Groups[2].Value + verbs.Groups[3].Value);
                continue;
            }
            foreach (var part in raw.Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (OptionalPrefix.Match(part) is { Success: true } optional)
                {
                    names.Add("KVM_" + optional.Groups[2].Value);
                    names.Add("KVM_" + optional.Groups[1].Value + optional.Groups[2].Value);
                }
                // 5.10 has a section for the capability KVM_CAP_PPC_MULTITCE: not an ioctl.
                else if (IoctlName.IsMatch(part) && !part.StartsWith("KVM_CAP_", StringComparison.Ordinal))
                    names.Add(part);
            }
        }
        return names;
    }

    /// <summary>The fds a <c>:Type:</c> value names: "vm ioctl", "vcpu ioctl / vm ioctl", "system", "VM", ...</summary>
    public static IoctlFds FdsOf(string typeText)
    {
        var fds = IoctlFds.None;
        foreach (var word in Regex.Split(typeText.ToLowerInvariant(), @"[^a-z0-9]+"))
        {
            fds |= word switch
            {
                "system" => IoctlFds.System,
                "vm" => IoctlFds.Vm,
                "vcpu" => IoctlFds.Vcpu,
                "device" => IoctlFds.Device,
                _ => IoctlFds.None,
            };
        }
        return fds;
    }

    /// <summary>
    /// The KvmSharp targets an <c>:Architectures:</c> value names. "all" is every target, "all except X" every
    /// target but X, "none" none; other words name architectures (x86, arm/arm64, ppc/powerpc, s390, riscv), and
    /// words of the remarks around them ("x86 SEV enabled", "(if KVM_CAP_ONE_REG)", "currently x86 only") and
    /// architectures that are not targets (mips, loongarch) name nothing.
    /// </summary>
    public static IReadOnlySet<string> ArchesOf(string architecturesText)
    {
        var words = Regex.Split(architecturesText.ToLowerInvariant(), @"[^a-z0-9_]+").Where(w => w.Length > 0).ToList();
        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in words)
        {
            var target = word switch
            {
                "x86" or "x86_64" or "i386" => TargetArch.X86_64.Name,
                "arm" or "arm64" or "aarch64" => TargetArch.Arm64.Name,
                "ppc" or "powerpc" or "ppc64" => TargetArch.Ppc64le.Name,
                "s390" or "s390x" => TargetArch.S390x.Name,
                "riscv" or "riscv64" => TargetArch.Riscv64.Name,
                _ => null,
            };
            if (target is not null)
                named.Add(target);
        }
        if (words.FirstOrDefault() == "all")
        {
            var all = TargetArch.All.Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
            // "all except arm64": the words after "except" are the ones taken away.
            if (words.Contains("except"))
                all.ExceptWith(named);
            return all;
        }
        return named;
    }

    private static List<ApiRstUsage> UsagesOf(List<string> body)
    {
        var usages = new List<ApiRstUsage>();
        string? architectures = null;
        string? firstArchitectures = null;
        var pending = new List<string>();
        foreach (var line in body)
        {
            var field = Field.Match(line);
            if (!field.Success)
                continue;
            if (field.Groups[1].Value == "Architectures")
            {
                architectures = field.Groups[2].Value;
                firstArchitectures ??= architectures;
                continue;
            }
            if (architectures is null)
                pending.Add(field.Groups[2].Value);
            else
                usages.Add(Usage(field.Groups[2].Value, architectures));
        }
        // A :Type: before any :Architectures: takes the section's first one.
        usages.InsertRange(0, pending.Select(t => Usage(t, firstArchitectures)));
        return usages;
    }

    private static ApiRstUsage Usage(string type, string? architectures)
        => new(type, FdsOf(type), architectures, architectures is null ? new HashSet<string>() : ArchesOf(architectures));
}
