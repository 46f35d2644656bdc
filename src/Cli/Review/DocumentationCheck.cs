using KvmSharp.Cli.ApiRst;
using KvmSharp.Generator.Facts;
using KvmSharp.Generator.Model;
using KvmSharp.Generator.FrontEnd.Placement;

namespace KvmSharp.Cli.Review;

/// <summary>
/// KVMR0003, KVMR0004, KVMR0005: every capability and ioctl the patch adds (not in the base's header) has an api.rst
/// section whose heading names it; the section (with its subsections) gives every field its chapter's preamble lists
/// (chapter 4: Capability, Architectures, Type, Parameters, Returns; chapters 6 and 7: Architectures, Target,
/// Parameters, Returns; a chapter without such a list: Architectures); and the fd it names is the one the ioctl is
/// issued on. Where an ioctl is issued is KvmSharp's placement (its facts, else the header's section comment); a
/// capability's <c>:Target:</c> is the fd <c>KVM_ENABLE_CAP</c> enables it on, which the facts say per architecture.
/// </summary>
internal static class DocumentationCheck
{
    private static readonly IReadOnlyList<string> Fallback = new[] { "Architectures" };

    public static void Run(ReviewContext context, List<ReviewFinding> findings)
    {
        if (context.Base is null)
            return;
        var placements = IoctlPlacer.ByName(context.Model, Array.Empty<IoctlStatement>());
        foreach (var capability in ReviewContext.Capabilities(context.Model).Where(c => context.IsNew(c.Name)))
        {
            var section = Documented(context, capability.Name, capability.Location, "a section in chapter 7 (VM) or 6 (vCPU), or 8", findings);
            if (section is null)
                continue;
            Fields(context, section, capability.Name, findings);
            CapabilityTarget(context, section, capability.Name, findings);
        }
        foreach (var ioctl in ReviewContext.Ioctls(context.Model).Where(i => context.IsNew(i.Name)))
        {
            var section = Documented(context, ioctl.Name, ioctl.Location, "a section in chapter 4", findings);
            if (section is null)
                continue;
            Fields(context, section, ioctl.Name, findings);
            if (placements.TryGetValue(ioctl.Name, out var placement))
                IoctlType(context, section, ioctl, placement, findings);
        }
    }

    private static ApiRstHeading? Documented(ReviewContext context, string name, SourceLocation location, string where, List<ReviewFinding> findings)
    {
        var section = context.Outline.SectionOf(name);
        if (section is null)
            findings.Add(new ReviewFinding(ReviewIds.Undocumented, location.File, location.Line, location.Column,
                $"{name} is new, and {context.ApiRstPath} has no section for it: expected {where} headed by its name"));
        return section;
    }

    private static void Fields(ReviewContext context, ApiRstHeading section, string name, List<ReviewFinding> findings)
    {
        var wanted = context.Outline.ChapterFields.TryGetValue(section.Chapter, out var listed) ? listed : Fallback;
        var given = new HashSet<string>(context.Outline.FieldsWithin(section).Select(f => f.Name), StringComparer.OrdinalIgnoreCase);
        var missing = wanted.Where(w => !given.Contains(w)).ToList();
        if (missing.Count > 0)
            findings.Add(new ReviewFinding(ReviewIds.MissingField, context.ApiRstPath, section.Line, 1,
                $"section {section.Number} of {name} has no {string.Join(", ", missing.Select(m => $":{m}:"))}: every section of chapter " +
                $"{section.Chapter} gives {string.Join(", ", wanted.Select(w => $":{w}:"))}"));
    }

    private static void CapabilityTarget(ReviewContext context, ApiRstHeading section, string name, List<ReviewFinding> findings)
    {
        var enable = IoctlFactTable.BuiltIn.Find("KVM_ENABLE_CAP");
        if (enable is null)
            return;
        var taken = enable.FdsOn(context.Arch);
        foreach (var target in context.Outline.FieldsWithin(section).Where(f => f.Name == "Target"))
        {
            var fds = ApiRstDocument.FdsOf(target.Value);
            if (fds == IoctlFds.None || (fds & taken) == fds)
                continue;
            findings.Add(new ReviewFinding(ReviewIds.WrongFd, context.ApiRstPath, target.Line, 1,
                $"{name} is documented as enabled on the {Describe(fds)} fd (':Target: {target.Value}'), but {context.Arch.Name} takes " +
                $"KVM_ENABLE_CAP on the {Describe(taken)} fd only ({enable.Source})"));
        }
    }

    private static void IoctlType(ReviewContext context, ApiRstHeading section, IoctlModel ioctl, IoctlPlacement placement, List<ReviewFinding> findings)
    {
        if (placement.Fds == IoctlFds.None)
            return;
        foreach (var type in context.Outline.FieldsWithin(section).Where(f => f.Name == "Type"))
        {
            var fds = ApiRstDocument.FdsOf(type.Value);
            if (fds == IoctlFds.None || fds == placement.Fds)
                continue;
            var why = placement.Origin == PlacementOrigin.Facts ? "KvmSharp's ioctl facts (api.rst and the kernel's dispatchers) put"
                : $"the header's comment '{ioctl.SectionComment}' above it puts";
            findings.Add(new ReviewFinding(ReviewIds.WrongFd, context.ApiRstPath, type.Line, 1,
                $"{ioctl.Name} is documented as a {Describe(fds)} ioctl (':Type: {type.Value}'), but {why} it on the {Describe(placement.Fds)} fd"));
        }
    }

    private static string Describe(IoctlFds fds) => string.Join(" and ", fds.Scopes().Select(IoctlFactTable.FdName));
}
