using KvmSharp.Generator.Model;
using KvmSharp.Generator.FrontEnd.Targets;

namespace KvmSharp.Generator.Facts;

/// <summary>
/// The ioctl facts KvmSharp ships (<c>IoctlFacts.txt</c>, an embedded resource), read once. One line a fact,
/// columns separated by <c>|</c>, <c>#</c> starts a comment line:
/// <code>
/// NAME | FDS | ARCHES | STATUS | SOURCE
/// KVM_CREATE_VCPU | vm | all | - | api.rst 4.7
/// KVM_MEMORY_ENCRYPT_REG_REGION | vm | x86_64 | - | arch/x86/kvm/x86.c kvm_arch_vm_ioctl; api.rst 4.112 says "system ioctl"
/// KVM_ARM_SET_DEVICE_ADDR | vm | arm64 | deprecated: use KVM_SET_DEVICE_ATTR on the device fd | api.rst 4.85
/// </code>
/// FDS is a comma list of <c>system</c>, <c>vm</c>, <c>vcpu</c>, <c>device</c>, each optionally restricted to some targets
/// (<c>vcpu:x86_64+ppc64le+s390x</c>: the other architectures take it on the other fds only); ARCHES is <c>all</c>, <c>none</c> or a
/// comma list of KvmSharp targets; STATUS is <c>-</c>, <c>deprecated: REASON</c> or <c>removed: REASON</c>.
/// </summary>
public sealed class IoctlFactTable
{
    /// <summary>The name of the embedded resource.</summary>
    public const string ResourceName = "KvmSharp.Generator.Facts.IoctlFacts.txt";

    private static readonly Lazy<IoctlFactTable> Shipped = new(() => FactText.Shipped(ResourceName, Parse));

    private readonly Dictionary<string, IoctlFact> byName;

    private IoctlFactTable(IReadOnlyList<IoctlFact> facts)
    {
        All = facts;
        byName = new Dictionary<string, IoctlFact>(StringComparer.Ordinal);
        foreach (var fact in facts)
            byName[fact.Name] = fact;
    }

    /// <summary>The table KvmSharp ships.</summary>
    public static IoctlFactTable BuiltIn => Shipped.Value;

    /// <summary>Every fact, in table order.</summary>
    public IReadOnlyList<IoctlFact> All { get; }

    /// <summary>The fact about <paramref name="name"/>, or null when the table does not know the ioctl.</summary>
    public IoctlFact? Find(string name) => byName.TryGetValue(name, out var fact) ? fact : null;

    /// <summary>Reads table text; each line that cannot be read is a problem (<c>line N: ...</c>) and is left out.</summary>
    public static IoctlFactTable Parse(string text, List<string> problems)
        => new(FactText.NamedFacts<IoctlFact>(text, problems, ParseLine, f => f.Name));

    private static IoctlFact? ParseLine(string line, int number, out string? problem)
    {
        problem = null;
        var columns = line.Split('|').Select(c => c.Trim()).ToArray();
        if (columns.Length != 5)
        {
            problem = "expected NAME | FDS | ARCHES | STATUS | SOURCE";
            return null;
        }
        var (name, fdText, archText, statusText, source) = (columns[0], columns[1], columns[2], columns[3], columns[4]);
        if (!name.StartsWith("KVM_", StringComparison.Ordinal) || name.Any(c => !(char.IsUpper(c) || char.IsDigit(c) || c == '_')))
        {
            problem = $"'{name}' is not an ioctl macro name";
            return null;
        }
        var fds = IoctlFds.None;
        var restricted = new List<FdRestriction>();
        foreach (var word in Words(fdText))
        {
            var colon = word.IndexOf(':');
            if (ParseFd(colon < 0 ? word : word.Substring(0, colon)) is not { } fd)
            {
                problem = $"'{word}' is not an fd (system, vm, vcpu, device), optionally with ':' and targets joined by '+'";
                return null;
            }
            fds |= IoctlFdSets.Of(fd);
            if (colon < 0)
                continue;
            var only = word.Substring(colon + 1).Split('+');
            if (only.Any(a => TargetArch.Find(a) is not { } t || t.Name != a))
            {
                problem = $"'{word}': after ':' come targets joined by '+' ({string.Join(", ", TargetArch.All.Select(a => a.Name))})";
                return null;
            }
            restricted.Add(new FdRestriction(fd, only.ToEquatableArray()));
        }
        if (fds == IoctlFds.None)
        {
            problem = "no fd";
            return null;
        }
        var arches = new List<string>();
        var all = false;
        foreach (var word in Words(archText))
        {
            if (word == "all")
                all = true;
            else if (word == "none")
                continue;
            else if (TargetArch.Find(word) is { } arch && arch.Name == word)
                arches.Add(arch.Name);
            else
            {
                problem = $"'{word}' is not all, none or a target ({string.Join(", ", TargetArch.All.Select(a => a.Name))})";
                return null;
            }
        }
        var status = IoctlStatus.Current;
        string? reason = null;
        if (statusText != "-")
        {
            var colon = statusText.IndexOf(':');
            var kind = colon < 0 ? statusText : statusText.Substring(0, colon).Trim();
            reason = colon < 0 ? null : statusText.Substring(colon + 1).Trim();
            status = kind switch
            {
                "deprecated" => IoctlStatus.Deprecated,
                "removed" => IoctlStatus.Removed,
                _ => (IoctlStatus)(-1),
            };
            if ((int)status < 0 || string.IsNullOrEmpty(reason))
            {
                problem = "STATUS is '-', 'deprecated: REASON' or 'removed: REASON'";
                return null;
            }
        }
        if (source.Length == 0)
        {
            problem = "no SOURCE: every fact says where it was read";
            return null;
        }
        return new IoctlFact(name, fds, arches.ToEquatableArray(), all, status, reason, source, number, restricted.ToEquatableArray());
    }

    /// <summary>An fd by its table name (<c>system</c>, <c>vm</c>, <c>vcpu</c>, <c>device</c>).</summary>
    public static IoctlScope? ParseFd(string word) => word switch
    {
        "system" => IoctlScope.System,
        "vm" => IoctlScope.Vm,
        "vcpu" => IoctlScope.Vcpu,
        "device" => IoctlScope.Device,
        _ => null,
    };

    /// <summary>The table name of an fd.</summary>
    public static string FdName(IoctlScope fd) => fd switch
    {
        IoctlScope.System => "system",
        IoctlScope.Vm => "vm",
        IoctlScope.Vcpu => "vcpu",
        IoctlScope.Device => "device",
        _ => "unknown",
    };

    private static IEnumerable<string> Words(string text)
        => text.Split(new[] { ',', ' ' }, StringSplitOptions.RemoveEmptyEntries);
}
