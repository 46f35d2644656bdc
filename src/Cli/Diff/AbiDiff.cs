using KvmSharp.Generator.Model;

namespace KvmSharp.Cli.Diff;

/// <summary>Everything that differs between two headers, ABI breaks first.</summary>
/// <param name="Arch">The target both were read for.</param>
/// <param name="OldVersion">The kernel release of the old headers' <c>linux/version.h</c>, or null.</param>
/// <param name="NewVersion">The same for the new headers.</param>
/// <param name="Changes">Breaks, then removals, then compatible changes, then additions; by kind and name within each.</param>
internal sealed record AbiDiffReport(string Arch, string? OldVersion, string? NewVersion, IReadOnlyList<AbiChange> Changes)
{
    /// <summary>The changes that break programs built against the old header.</summary>
    public IEnumerable<AbiChange> Breaks => Changes.Where(c => c.IsBreak);

    /// <summary>Whether anything breaks.</summary>
    public bool HasBreak => Changes.Any(c => c.IsBreak);

    /// <summary>The changes of <paramref name="kind"/> of item <paramref name="item"/>.</summary>
    public IEnumerable<AbiChange> Of(AbiChangeKind kind, AbiItemKind item) => Changes.Where(c => c.Change == kind && c.Item == item);
}

/// <summary>
/// Compares the models of two headers (an old and a new kernel, or a tree before and after a patch) item by item,
/// by C name: constants, capabilities and flags by value, ioctls by request and argument, records by layout
/// (<see cref="RecordComparison"/>), enumerators by value. Names starting with <c>_</c> are the implementation's
/// (<c>_IOC_NRBITS</c>, <c>__KVM_DEPRECATED_*</c>) and are left out. A removed item is listed but is not a break: it
/// changes what compiles, not what a built program sends.
/// </summary>
internal static class AbiDiff
{
    public static AbiDiffReport Compare(HeaderModel old, HeaderModel @new)
    {
        var changes = new List<AbiChange>();
        CompareConstants(old, @new, changes);
        CompareIoctls(old, @new, changes);
        CompareRecords(old, @new, changes);
        CompareEnumerators(old, @new, changes);
        var ordered = changes
            .OrderBy(c => c.IsBreak ? 0 : c.Change switch { AbiChangeKind.Removed => 1, AbiChangeKind.Changed => 2, _ => 3 })
            .ThenBy(c => c.Item)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .ToList();
        return new AbiDiffReport(@new.Arch, old.LinuxVersion?.ToString(), @new.LinuxVersion?.ToString(), ordered);
    }

    private static bool IsPublic(string name) => name.Length > 0 && name[0] != '_';

    private static void CompareConstants(HeaderModel old, HeaderModel @new, List<AbiChange> changes)
    {
        // Names compared elsewhere: ioctls, and enumerators.
        var oldElsewhere = new HashSet<string>(old.Ioctls.Select(i => i.Name), StringComparer.Ordinal);
        var newElsewhere = new HashSet<string>(@new.Ioctls.Select(i => i.Name), StringComparer.Ordinal);
        // "#define KVM_DEV_TYPE_RISCV_AIA KVM_DEV_TYPE_RISCV_AIA" names an enumerator, compared as one.
        oldElsewhere.UnionWith(Enumerators(old).Keys);
        newElsewhere.UnionWith(Enumerators(@new).Keys);
        var before = ByName(old.Constants.Where(c => IsPublic(c.Name) && !oldElsewhere.Contains(c.Name)), c => c.Name);
        var after = ByName(@new.Constants.Where(c => IsPublic(c.Name) && !newElsewhere.Contains(c.Name)), c => c.Name);
        var oldKinds = new ConstantKinds(old);
        var newKinds = new ConstantKinds(@new);
        foreach (var (name, constant) in after)
        {
            if (!before.TryGetValue(name, out var was))
            {
                var added = newKinds.Of(name);
                changes.Add(new AbiChange(added, name, AbiChangeKind.Added, false, Where(constant.Parent), null, Value(constant.Value)));
            }
            else if (was.Value != constant.Value)
            {
                changes.Add(new AbiChange(newKinds.Of(name), name, AbiChangeKind.Changed, !IsGrowingSentinel(name, was.Value, constant.Value),
                    new[] { ValueChange(name, was.Value, constant.Value) }, Value(was.Value), Value(constant.Value)));
            }
        }
        foreach (var (name, constant) in before.Where(p => !after.ContainsKey(p.Key)))
        {
            // A constant that became an ioctl or an enumerator is compared as one.
            if (newElsewhere.Contains(name))
                continue;
            changes.Add(new AbiChange(oldKinds.Of(name), name, AbiChangeKind.Removed, false, Where(constant.Parent), Value(constant.Value), null));
        }
    }

    // KVM_DEV_TYPE_MAX, KVM_SEV_NR_MAX: the last value of an enumeration plus one, which grows with every value the
    // uAPI adds, as its convention is; a program uses it to size tables of the values it was built with.
    private static bool IsGrowingSentinel(string name, ulong old, ulong @new) => name.EndsWith("_MAX", StringComparison.Ordinal) && @new > old;

    private static string ValueChange(string name, ulong old, ulong @new)
        => $"value {Value(old)} -> {Value(@new)}" + (IsGrowingSentinel(name, old, @new) ? " (an enumeration's end, grown with it)" : "");

    private static IReadOnlyList<string> Where(string? parent) => parent is null ? Array.Empty<string>() : new[] { $"under {parent}" };

    private static void CompareIoctls(HeaderModel old, HeaderModel @new, List<AbiChange> changes)
    {
        var before = ByName(old.Ioctls.Where(i => IsPublic(i.Name)), i => i.Name);
        var after = ByName(@new.Ioctls.Where(i => IsPublic(i.Name)), i => i.Name);
        foreach (var (name, ioctl) in after)
        {
            if (!before.TryGetValue(name, out var was))
            {
                changes.Add(new AbiChange(AbiItemKind.Ioctl, name, AbiChangeKind.Added, false, Array.Empty<string>(), null, Describe(ioctl)));
                continue;
            }
            var what = new List<string>();
            if (was.Direction != ioctl.Direction)
                what.Add($"direction {Macro(was.Direction)} -> {Macro(ioctl.Direction)}");
            if (was.Type != ioctl.Type || was.Number != ioctl.Number)
                what.Add($"(type, nr) (0x{was.Type:x}, 0x{was.Number:x}) -> (0x{ioctl.Type:x}, 0x{ioctl.Number:x})");
            if (was.Size != ioctl.Size)
                what.Add($"size {was.Size} -> {ioctl.Size}");
            if (was.Argument?.Spelling != ioctl.Argument?.Spelling)
                what.Add($"argument {was.Argument?.Spelling ?? "none"} -> {ioctl.Argument?.Spelling ?? "none"}");
            // Every difference above changes the request number but the argument's spelling; a request that differs
            // otherwise (a wider _IOC_SIZE field, another encoding) is still a different number on the wire.
            if (what.Count == 0 && was.Request != ioctl.Request)
                what.Add($"request 0x{was.Request:x} -> 0x{ioctl.Request:x}");
            if (what.Count > 0)
                changes.Add(new AbiChange(AbiItemKind.Ioctl, name, AbiChangeKind.Changed, true, what, Describe(was), Describe(ioctl)));
        }
        foreach (var (name, ioctl) in before.Where(p => !after.ContainsKey(p.Key)))
            changes.Add(new AbiChange(AbiItemKind.Ioctl, name, AbiChangeKind.Removed, false, Array.Empty<string>(), Describe(ioctl), null));
    }

    /// <summary>An ioctl as its macro would be written: <c>_IOW(0xae, 0x46, struct kvm_userspace_memory_region) = 0x4020ae46</c>.</summary>
    public static string Describe(IoctlModel ioctl)
        => $"{Macro(ioctl.Direction)}(0x{ioctl.Type:x}, 0x{ioctl.Number:x}" + (ioctl.Argument is null ? "" : $", {ioctl.Argument.Spelling}")
            + $") size {ioctl.Size} = 0x{ioctl.Request:x}";

    private static string Macro(IoctlDirection direction) => direction switch
    {
        IoctlDirection.None => "_IO",
        IoctlDirection.Read => "_IOR",
        IoctlDirection.Write => "_IOW",
        _ => "_IOWR",
    };

    private static void CompareRecords(HeaderModel old, HeaderModel @new, List<AbiChange> changes)
    {
        var before = ByName(old.Records.Where(r => r.Key is { } key && IsPublic(key)), r => r.Key!);
        var after = ByName(@new.Records.Where(r => r.Key is { } key && IsPublic(key)), r => r.Key!);
        foreach (var (name, record) in after)
        {
            if (!before.TryGetValue(name, out var was))
            {
                changes.Add(new AbiChange(AbiItemKind.Record, name, AbiChangeKind.Added, false, Array.Empty<string>(), null, RecordComparison.Describe(record)));
                continue;
            }
            var (breaks, compatible) = RecordComparison.Compare(was, record);
            if (breaks.Count + compatible.Count > 0)
                changes.Add(new AbiChange(AbiItemKind.Record, name, AbiChangeKind.Changed, breaks.Count > 0, breaks.Concat(compatible).ToList(),
                    RecordComparison.Describe(was), RecordComparison.Describe(record)));
        }
        foreach (var (name, record) in before.Where(p => !after.ContainsKey(p.Key)))
            changes.Add(new AbiChange(AbiItemKind.Record, name, AbiChangeKind.Removed, false, Array.Empty<string>(), RecordComparison.Describe(record), null));
    }

    private static void CompareEnumerators(HeaderModel old, HeaderModel @new, List<AbiChange> changes)
    {
        var before = Enumerators(old);
        var after = Enumerators(@new);
        foreach (var (name, (value, owner)) in after)
        {
            if (!before.TryGetValue(name, out var was))
                changes.Add(new AbiChange(AbiItemKind.Enumerator, name, AbiChangeKind.Added, false, new[] { $"in {owner}" }, null, Value(value)));
            else if (was.Value != value)
                changes.Add(new AbiChange(AbiItemKind.Enumerator, name, AbiChangeKind.Changed, !IsGrowingSentinel(name, was.Value, value),
                    new[] { $"{ValueChange(name, was.Value, value)} in {owner}" }, Value(was.Value), Value(value)));
        }
        foreach (var (name, (value, owner)) in before.Where(p => !after.ContainsKey(p.Key)))
            changes.Add(new AbiChange(AbiItemKind.Enumerator, name, AbiChangeKind.Removed, false, new[] { $"in {owner}" }, Value(value), null));
    }

    private static Dictionary<string, (ulong Value, string Owner)> Enumerators(HeaderModel model)
    {
        var result = new Dictionary<string, (ulong, string)>(StringComparer.Ordinal);
        foreach (var enumModel in model.Enums)
        {
            var owner = enumModel.Tag is { } tag ? "enum " + tag : enumModel.TypedefName ?? "an unnamed enum";
            foreach (var enumerator in enumModel.Enumerators.Where(e => IsPublic(e.Name)))
                result.TryAdd(enumerator.Name, (enumerator.Value, owner));
        }
        return result;
    }

    /// <summary>A value as the diff prints it: decimal, with hex beside it above 9 (flags and masks read in hex).</summary>
    public static string Value(ulong value) => value <= 9 ? value.ToString() : $"{value} (0x{value:x})";

    private static Dictionary<string, T> ByName<T>(IEnumerable<T> items, Func<T, string> name)
    {
        var result = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in items)
            result.TryAdd(name(item), item);
        return result;
    }
}
