using KvmSharp.Generator.Facts;
using KvmSharp.Generator.Model;
using KvmSharp.Generator.FrontEnd.Targets;

namespace KvmSharp.Generator.FrontEnd.Placement;

/// <summary>
/// Decides the fds each ioctl of a header gets methods on: the project's <c>ioctl</c> statements first, then
/// KvmSharp's facts, then (for an ioctl neither knows, as in a patched header) the header's section comment,
/// with a warning at the <c>#define</c> that says what was inferred and how to state it.
/// </summary>
public static class IoctlPlacer
{
    /// <summary>The diagnostic ID of an ioctl placed by a header comment or by nothing.</summary>
    public const string InferredId = "KVMG0004";

    /// <summary>Places every ioctl of <paramref name="model"/>; warnings go to <paramref name="diagnostics"/> when given.</summary>
    public static EquatableArray<IoctlPlacement> Place(HeaderModel model, IReadOnlyList<IoctlStatement> statements, IoctlFactTable facts,
        List<HeaderDiagnostic>? diagnostics = null)
    {
        var arch = TargetArch.Find(model.Arch);
        var stated = new Dictionary<string, IoctlFds>(StringComparer.Ordinal);
        foreach (var statement in statements)
            stated[statement.Name] = (stated.TryGetValue(statement.Name, out var fds) ? fds : IoctlFds.None) | statement.Fds;
        var placements = new List<IoctlPlacement>(model.Ioctls.Count);
        // KVM's requests all have type KVMIO (0xAE). A header read besides kvm.h (KvmAdditionalHeaders) may define ioctls
        // of other drivers (asm/bootparam.h brings linux/apm_bios.h's APM_IOC_*): their numbers stay in KvmIoctls, but
        // they are not requests of a KVM fd, so they get no method and need no word from the user.
        var kvmType = model.Constants.FirstOrDefault(c => c.Name == "KVMIO")?.Value;
        foreach (var ioctl in model.Ioctls)
        {
            var fact = facts.Find(ioctl.Name);
            var status = fact?.Status ?? IoctlStatus.Current;
            if (stated.TryGetValue(ioctl.Name, out var statedFds))
            {
                placements.Add(new IoctlPlacement(ioctl.Name, statedFds, PlacementOrigin.Statement, status, fact?.StatusReason, true));
                continue;
            }
            if (fact is not null)
            {
                placements.Add(new IoctlPlacement(ioctl.Name, arch is null || !fact.HandledOn(arch) ? fact.Fds : fact.FdsOn(arch),
                    PlacementOrigin.Facts, status, fact.StatusReason, arch is null || fact.HandledOn(arch)));
                continue;
            }
            var fromComment = IoctlFdSets.Of(ioctl.Scope);
            if (kvmType is { } kvmio && ioctl.Type != kvmio && fromComment == IoctlFds.None)
            {
                placements.Add(new IoctlPlacement(ioctl.Name, IoctlFds.None, PlacementOrigin.Unknown, status, null, false));
                continue;
            }
            // A reserved name (__KVM_DEPRECATED_MAIN_0x07 in 5.10 and 6.1) is the header's own spelling of a request that
            // a KVM_ name stands for: the facts know that one; this gets no method and needs no word from the user.
            if (ioctl.Name.StartsWith("__", StringComparison.Ordinal))
            {
                placements.Add(new IoctlPlacement(ioctl.Name, fromComment, PlacementOrigin.HeaderComment, status, null, false));
                continue;
            }
            placements.Add(new IoctlPlacement(ioctl.Name, fromComment,
                fromComment == IoctlFds.None ? PlacementOrigin.Unknown : PlacementOrigin.HeaderComment, status, null, true));
            diagnostics?.Add(new HeaderDiagnostic(InferredId, DiagnosticSeverity.Warning, Inferred(ioctl), ioctl.Location));
        }
        return placements.ToEquatableArray();
    }

    /// <summary>The placements of <paramref name="model"/> by ioctl name, with the built-in facts.</summary>
    public static Dictionary<string, IoctlPlacement> ByName(HeaderModel model, IReadOnlyList<IoctlStatement> statements)
    {
        var result = new Dictionary<string, IoctlPlacement>(StringComparer.Ordinal);
        foreach (var placement in Place(model, statements, IoctlFactTable.BuiltIn))
            result[placement.Name] = placement;
        return result;
    }

    private static string Inferred(IoctlModel ioctl)
    {
        var example = $"'{IoctlStatementParser.Directive} {ioctl.Name} on {(ioctl.Scope == IoctlScope.Unknown ? "vm" : IoctlFactTable.FdName(ioctl.Scope))}'";
        var state = $"state where the kernel takes it with a line {example} in a *.kvmcontracts file (AdditionalFiles)";
        if (ioctl.Scope == IoctlScope.Unknown)
            return $"{ioctl.Name} is not among KvmSharp's ioctl facts and no header comment says which fd takes it, so it gets no typed method " +
                $"(its request number is in KvmIoctls); {state}";
        return $"{ioctl.Name} is not among KvmSharp's ioctl facts: its typed method goes on {Describe(ioctl.Scope)} because the header comment " +
            $"'{ioctl.SectionComment}' stands above it; {state}";
    }

    private static string Describe(IoctlScope scope) => scope switch
    {
        IoctlScope.System => "KvmSystem (the /dev/kvm fd)",
        IoctlScope.Vm => "KvmVm",
        IoctlScope.Vcpu => "KvmVcpu",
        _ => "KvmDevice",
    };
}
