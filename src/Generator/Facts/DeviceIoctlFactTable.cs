using KvmSharp.Generator.Model;

namespace KvmSharp.Generator.Facts;

/// <summary>
/// The device ioctl facts KvmSharp ships (<c>DeviceIoctlFacts.txt</c>, an embedded resource), read once. One line a
/// fact, columns separated by <c>|</c>, <c>#</c> starts a comment line:
/// <code>
/// NAME | FDS | ARGUMENT | RETURNS | METHOD | SOURCE
/// VFIO_GROUP_GET_DEVICE_FD | vfio-group | string | fd vfio-device | GetDeviceFd | drivers/vfio/group.c vfio_group_fops_unl_ioctl
/// </code>
/// FDS is a comma list of <see cref="DeviceFiles"/> kinds; ARGUMENT is <c>-</c>, <c>value</c>, <c>ref TYPE</c>,
/// <c>in TYPE</c> or <c>string</c>; RETURNS is <c>-</c> or <c>fd KIND</c>.
/// </summary>
public sealed class DeviceIoctlFactTable
{
    /// <summary>The name of the embedded resource.</summary>
    public const string ResourceName = "KvmSharp.Generator.Facts.DeviceIoctlFacts.txt";

    private static readonly Lazy<DeviceIoctlFactTable> Shipped = new(() => FactText.Shipped(ResourceName, Parse));

    private readonly Dictionary<string, DeviceIoctlFact> byName;

    private DeviceIoctlFactTable(IReadOnlyList<DeviceIoctlFact> facts)
    {
        All = facts;
        byName = facts.ToDictionary(f => f.Name, StringComparer.Ordinal);
    }

    /// <summary>The table KvmSharp ships.</summary>
    public static DeviceIoctlFactTable BuiltIn => Shipped.Value;

    /// <summary>Every fact, in table order.</summary>
    public IReadOnlyList<DeviceIoctlFact> All { get; }

    /// <summary>The fact about <paramref name="name"/>, or null when the table does not know the ioctl.</summary>
    public DeviceIoctlFact? Find(string name) => byName.TryGetValue(name, out var fact) ? fact : null;

    /// <summary>Reads table text; each line that cannot be read is a problem (<c>line N: ...</c>) and is left out.</summary>
    public static DeviceIoctlFactTable Parse(string text, List<string> problems)
        => new(FactText.NamedFacts<DeviceIoctlFact>(text, problems, ParseLine, f => f.Name));

    private static DeviceIoctlFact? ParseLine(string line, int number, out string? problem)
    {
        problem = null;
        var columns = line.Split('|').Select(c => c.Trim()).ToArray();
        if (columns.Length != 6)
        {
            problem = "expected NAME | FDS | ARGUMENT | RETURNS | METHOD | SOURCE";
            return null;
        }
        var (name, fdText, argumentText, returnsText, method, source) = (columns[0], columns[1], columns[2], columns[3], columns[4], columns[5]);
        if (name.Length == 0 || name.Any(c => !(char.IsUpper(c) || char.IsDigit(c) || c == '_')))
        {
            problem = $"'{name}' is not an ioctl macro name";
            return null;
        }
        var fds = fdText.Split(',').Select(f => f.Trim()).Where(f => f.Length > 0).ToList();
        if (fds.Count == 0 || fds.FirstOrDefault(f => !DeviceFiles.IsKind(f)) is { } unknown)
        {
            problem = $"'{fdText}' is not a comma list of {string.Join(", ", DeviceFiles.Kinds)}";
            return null;
        }
        DeviceArgumentKind argument;
        string? argumentType = null;
        if (argumentText == "-")
            argument = DeviceArgumentKind.ByDirection;
        else if (argumentText == "value")
            argument = DeviceArgumentKind.Value;
        else if (argumentText == "string")
            argument = DeviceArgumentKind.String;
        else if (argumentText.StartsWith("ref ", StringComparison.Ordinal) || argumentText.StartsWith("in ", StringComparison.Ordinal))
        {
            var space = argumentText.IndexOf(' ');
            argument = argumentText.StartsWith("ref ", StringComparison.Ordinal) ? DeviceArgumentKind.Ref : DeviceArgumentKind.In;
            argumentType = argumentText.Substring(space + 1).Trim();
        }
        else
        {
            problem = $"argument '{argumentText}' is not -, value, string, ref TYPE or in TYPE";
            return null;
        }
        string? creates = null;
        if (returnsText != "-")
        {
            creates = returnsText.StartsWith("fd ", StringComparison.Ordinal) ? returnsText.Substring(3).Trim() : null;
            if (creates is null || !DeviceFiles.IsKind(creates))
            {
                problem = $"returns '{returnsText}' is not - or fd KIND";
                return null;
            }
        }
        if (!Microsoft.CodeAnalysis.CSharp.SyntaxFacts.IsValidIdentifier(method))
        {
            problem = $"method '{method}' is not a C# identifier";
            return null;
        }
        if (source.Length == 0)
        {
            problem = "the source is missing";
            return null;
        }
        return new DeviceIoctlFact(name, fds.ToEquatableArray(), argument, argumentType, creates, method, source, number);
    }
}

/// <summary>The device files of <see cref="DeviceIoctlFactTable"/>: each kind's runtime fd type and what it is.</summary>
public static class DeviceFiles
{
    private static readonly (string Kind, string Type, string Description)[] Table =
    {
        ("vhost-net", "VhostNet", "a <c>/dev/vhost-net</c> fd"),
        ("vhost-vsock", "VhostVsock", "a <c>/dev/vhost-vsock</c> fd"),
        ("vfio-container", "VfioContainer", "a VFIO container (<c>/dev/vfio/vfio</c>)"),
        ("vfio-group", "VfioGroup", "a VFIO group (<c>/dev/vfio/N</c>)"),
        ("vfio-device", "VfioDevice", "a VFIO device fd (from <c>VFIO_GROUP_GET_DEVICE_FD</c>)"),
        ("iommufd", "Iommufd", "an iommufd (<c>/dev/iommu</c>)"),
        ("userfaultfd", "Userfaultfd", "a userfaultfd (from <c>userfaultfd(2)</c> or <c>USERFAULTFD_IOC_NEW</c>)"),
        ("userfaultfd-dev", "UserfaultfdDevice", "a <c>/dev/userfaultfd</c> fd"),
        ("tun", "TunDevice", "a <c>/dev/net/tun</c> fd"),
    };

    /// <summary>Every kind, in table order.</summary>
    public static IEnumerable<string> Kinds => Table.Select(t => t.Kind);

    /// <summary>Whether <paramref name="kind"/> is a known kind.</summary>
    public static bool IsKind(string kind) => Table.Any(t => t.Kind == kind);

    /// <summary>The runtime type of the kind, without namespace (<c>VhostNet</c>).</summary>
    public static string TypeName(string kind) => Table.First(t => t.Kind == kind).Type;

    /// <summary>What the fd is, for docs.</summary>
    public static string Describe(string kind) => Table.First(t => t.Kind == kind).Description;
}
