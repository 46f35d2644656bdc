using System.Globalization;
using KvmSharp.Generator.FrontEnd.Targets;

namespace KvmSharp.Bench;

/// <summary>The <c>--name value</c> options of the soak and coldstart commands.</summary>
internal sealed class BenchArguments
{
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);
    private readonly HashSet<string> flags = new(StringComparer.Ordinal);

    private BenchArguments()
    {
    }

    /// <summary>Parses <paramref name="args"/>; <paramref name="flagNames"/> take no value. Null and a message on bad input.</summary>
    public static BenchArguments? Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> valueNames,
        IReadOnlyCollection<string> flagNames, out string? error)
    {
        var parsed = new BenchArguments();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (flagNames.Contains(name))
            {
                parsed.flags.Add(name);
            }
            else if (valueNames.Contains(name) && i + 1 < args.Count)
            {
                parsed.values[name] = args[++i];
            }
            else
            {
                error = valueNames.Contains(name) ? $"{name} needs a value" : $"unknown option {name}";
                return null;
            }
        }

        error = null;
        return parsed;
    }

    public bool Has(string flag) => flags.Contains(flag);

    public string? Value(string name) => values.GetValueOrDefault(name);

    /// <summary>The integer option <paramref name="name"/>, or <paramref name="fallback"/>; null when it is not an integer.</summary>
    public int? Int(string name, int fallback)
        => values.TryGetValue(name, out var text)
            ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null
            : fallback;

    /// <summary>The <c>--arch</c> option (x86_64 by default); null when it names no known target.</summary>
    public TargetArch? Arch() => TargetArch.Find(Value("--arch") ?? "x86_64");
}
