using System.Text.RegularExpressions;

namespace KvmSharp.Tests.Oracle;

/// <summary>A place clang printed in its AST dump (the spelling location, as the dump shows it).</summary>
internal sealed record AstPlace(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}

/// <summary>A struct or union definition clang saw.</summary>
internal sealed class AstRecord
{
    public required string Kind { get; init; }
    public string? Tag { get; init; }
    /// <summary>Where the <c>struct</c>/<c>union</c> keyword is spelled.</summary>
    public AstPlace? Begin { get; init; }
    public bool IsPacked { get; set; }
    /// <summary>The typedef name that names it, when it has no tag.</summary>
    public string? TypedefName { get; set; }
}

/// <summary>
/// What the header declares, read from <c>clang -Xclang -ast-dump</c>: every struct/union definition (with
/// the place of its keyword and whether it is packed), named enums and every enumerator, and typedefs. The
/// dump omits the parts of a place that did not change since the last place it printed, so places are
/// rebuilt by reading every place in dump order.
/// </summary>
internal sealed class AstInventory
{
    private static readonly Regex Node = new(@"^(?<prefix>[|`\- ]*)(?<kind>[A-Za-z]+)(?: (?<address>0x[0-9a-f]+))?(?<rest>.*)$");
    private static readonly Regex Quoted = new(@"'[^']*'|""(?:[^""\\]|\\.)*""");
    private static readonly Regex Place = new(
        @"col:(?<c3>\d+)|line:(?<l2>\d+):(?<c2>\d+)|(?<file><scratch space>|<built-in>|<command line>|[^\s<>,']+):(?<l>\d+):(?<c>\d+)|<invalid sloc>");
    private static readonly Regex RecordTail = new(@"\b(?<kind>struct|union)(?: (?!definition\b)(?<tag>[A-Za-z_]\w*))?(?<def> definition)?\s*$");
    private static readonly Regex NamedTail = new(@"(?<name>[A-Za-z_]\w*)\s*$");


    public List<AstRecord> Records { get; } = new();
    /// <summary>Enum tags, and typedef names of unnamed enums.</summary>
    public HashSet<string> EnumNames { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Enumerators { get; } = new(StringComparer.Ordinal);
    /// <summary>Typedefs declared in a file (the compiler's own builtin typedefs left out).</summary>
    public HashSet<string> Typedefs { get; } = new(StringComparer.Ordinal);
    /// <summary>Typedefs that name an unnamed struct, union or enum (which the model keys by that name).</summary>
    public HashSet<string> TypedefsOfUnnamed { get; } = new(StringComparer.Ordinal);

    public static AstInventory Parse(string dump)
    {
        var inventory = new AstInventory();
        var file = "";
        var lastLine = 0;
        var byAddress = new Dictionary<string, AstRecord>();
        var anonymousEnums = new HashSet<string>();
        // Open nodes by depth, to attach PackedAttr to its record and a typedef to the unnamed record it names.
        var open = new List<(string Kind, string? Address, string? Name)>();

        foreach (var raw in dump.Split('\n'))
        {
            var m = Node.Match(raw.TrimEnd('\r'));
            if (!m.Success)
                continue;
            var depth = m.Groups["prefix"].Value.Length / 2;
            var kind = m.Groups["kind"].Value;
            var address = m.Groups["address"].Success ? m.Groups["address"].Value : null;
            var rest = m.Groups["rest"].Value;
            var unquoted = Quoted.Replace(rest, "");

            var places = new List<AstPlace?>();
            foreach (Match p in Place.Matches(unquoted))
            {
                if (p.Value == "<invalid sloc>")
                {
                    places.Add(null);
                    continue;
                }
                if (p.Groups["file"].Success)
                {
                    file = p.Groups["file"].Value;
                    lastLine = int.Parse(p.Groups["l"].Value);
                    places.Add(new AstPlace(file, lastLine, int.Parse(p.Groups["c"].Value)));
                }
                else if (p.Groups["l2"].Success)
                {
                    lastLine = int.Parse(p.Groups["l2"].Value);
                    places.Add(new AstPlace(file, lastLine, int.Parse(p.Groups["c2"].Value)));
                }
                else
                {
                    places.Add(new AstPlace(file, lastLine, int.Parse(p.Groups["c3"].Value)));
                }
            }

            if (open.Count > depth)
                open.RemoveRange(depth, open.Count - depth);
            var begin = places.Count > 0 ? places[0] : null;
            var fromFile = begin is not null && !begin.File.StartsWith('<');
            // Declarations inside an inline function's body are not the header's.
            if (open.Any(o => o.Kind == "FunctionDecl"))
            {
                open.Add((kind, address, null));
                continue;
            }

            switch (kind)
            {
                case "RecordDecl" when RecordTail.Match(unquoted) is { Success: true } r && r.Groups["def"].Success:
                    var record = new AstRecord
                    {
                        Kind = r.Groups["kind"].Value,
                        Tag = r.Groups["tag"].Success ? r.Groups["tag"].Value : null,
                        Begin = begin,
                    };
                    inventory.Records.Add(record);
                    if (address is not null)
                        byAddress[address] = record;
                    break;
                case "PackedAttr" when open.Count > 0 && open[^1].Kind == "RecordDecl" && open[^1].Address is { } a
                                       && byAddress.TryGetValue(a, out var packed):
                    packed.IsPacked = true;
                    break;
                case "EnumDecl":
                    if (NamedTail.Match(unquoted) is { Success: true } e && !e.Groups["name"].Value.StartsWith("0x", StringComparison.Ordinal)
                        && e.Groups["name"].Value is not ("referenced" or "used"))
                        inventory.EnumNames.Add(e.Groups["name"].Value);
                    else if (address is not null)
                        anonymousEnums.Add(address);
                    break;
                case "EnumConstantDecl" when Regex.Match(rest, @"(?<name>[A-Za-z_]\w*) '[^']*'\s*$") is { Success: true } c:
                    inventory.Enumerators.Add(c.Groups["name"].Value);
                    break;
                case "TypedefDecl" when fromFile && Regex.Match(rest, @"(?<name>[A-Za-z_]\w*) '[^']*'(?::'[^']*')?\s*$") is { Success: true } t:
                    inventory.Typedefs.Add(t.Groups["name"].Value);
                    open.Add((kind, address, t.Groups["name"].Value));
                    continue;
                case "Record" or "Enum" when address is not null && rest.Trim() == "''":
                    // A typedef naming a record or enum that has no tag of its own.
                    var typedef = open.LastOrDefault(o => o.Kind == "TypedefDecl").Name;
                    if (typedef is not null)
                    {
                        if (kind == "Record" && byAddress.TryGetValue(address, out var named) && named.Tag is null)
                        {
                            named.TypedefName ??= typedef;
                            inventory.TypedefsOfUnnamed.Add(typedef);
                        }
                        else if (kind == "Enum" && anonymousEnums.Contains(address))
                        {
                            inventory.EnumNames.Add(typedef);
                            inventory.TypedefsOfUnnamed.Add(typedef);
                        }
                    }
                    break;
            }
            open.Add((kind, address, null));
        }
        return inventory;
    }
}
