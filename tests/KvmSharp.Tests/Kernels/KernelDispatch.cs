using System.Text.RegularExpressions;
using KvmSharp.Generator.Model;
using KvmSharp.Generator.FrontEnd.Targets;

namespace KvmSharp.Tests.Kernels;

/// <summary>One ioctl a dispatcher function of the kernel takes.</summary>
/// <param name="Name">The request macro of the <c>case</c> label (or of an <c>ioctl == KVM_X</c> test).</param>
/// <param name="Fd">The fd whose dispatcher it is in.</param>
/// <param name="Function">The dispatcher function.</param>
/// <param name="File">The file, relative to the release's <c>src/</c> (<c>arch/x86/kvm/x86.c</c>).</param>
/// <param name="Target">The KvmSharp target of an <c>arch/A/kvm</c> file; null for generic code (<c>virt/kvm</c>) and for arches that are not targets.</param>
/// <param name="ArchDirectory">The <c>A</c> of <c>arch/A/kvm</c>; null for generic code.</param>
/// <param name="Condition">The <c>#if</c> lines around the label, innermost last; null when none.</param>
/// <param name="Rejected">Whether the label only refuses the ioctl (<c>r = -EOPNOTSUPP; break;</c>), as 5.10 does for KVM_TRACE_*.</param>
/// <param name="Line">The label's line, for messages.</param>
public sealed record DispatchLabel(
    string Name,
    IoctlScope Fd,
    string Function,
    string File,
    string? Target,
    string? ArchDirectory,
    string? Condition,
    bool Rejected,
    int Line)
{
    /// <summary>Where the label is, as the fact table's SOURCE names it: <c>arch/x86/kvm/x86.c kvm_arch_vm_ioctl</c>.</summary>
    public string Where => $"{File} {Function}";
}

/// <summary>
/// The ioctls the KVM sources of a release dispatch, per fd, read from the <c>case KVM_X:</c> labels of the
/// <c>switch (ioctl)</c> in each dispatcher function (and from <c>ioctl == KVM_X</c> tests, which s390's
/// kvm_arch_dev_ioctl and the unlocked vcpu paths use instead of a switch). It is the second witness, besides
/// api.rst, that the shipped fact table is held against.
/// </summary>
/// <remarks>
/// Labels of generic code under <c>#ifdef CONFIG_X</c> depend on the arch: <see cref="KernelTargets"/> takes the
/// arches whose <c>arch/A/kvm/Kconfig</c> selects X directly, which is how KVM's Kconfig is written (no arch
/// reaches those symbols through a chain). Other conditions (<c>__KVM_HAVE_IRQ_LINE</c>, set by the arch's uAPI
/// header) leave the arches unknown rather than guessed.
/// </remarks>
public sealed class KernelDispatch
{
    /// <summary>The dispatcher functions by the fd they serve; a release has the ones of its time.</summary>
    public static IReadOnlyDictionary<string, IoctlScope> Dispatchers { get; } = new Dictionary<string, IoctlScope>(StringComparer.Ordinal)
    {
        ["kvm_dev_ioctl"] = IoctlScope.System,
        ["kvm_arch_dev_ioctl"] = IoctlScope.System,
        ["kvm_vm_ioctl"] = IoctlScope.Vm,
        ["kvm_arch_vm_ioctl"] = IoctlScope.Vm,
        // powerpc's kvm_arch_vm_ioctl hands what it does not know to kvm->arch.kvm_ops->arch_vm_ioctl, which is one of these.
        ["kvm_arch_vm_ioctl_hv"] = IoctlScope.Vm,
        ["kvm_arch_vm_ioctl_pr"] = IoctlScope.Vm,
        ["kvm_vcpu_ioctl"] = IoctlScope.Vcpu,
        ["kvm_arch_vcpu_ioctl"] = IoctlScope.Vcpu,
        ["kvm_arch_vcpu_async_ioctl"] = IoctlScope.Vcpu,
        ["kvm_arch_vcpu_unlocked_ioctl"] = IoctlScope.Vcpu,
        // x86's kvm_arch_vcpu_ioctl passes the *_DEVICE_ATTR cases on with the ioctl; it switches on it again.
        ["kvm_vcpu_ioctl_device_attr"] = IoctlScope.Vcpu,
        ["kvm_device_ioctl"] = IoctlScope.Device,
    };

    private static readonly Regex Definition = new(@"^[a-z][\w \*]*?\b(\w+)\s*\(", RegexOptions.Multiline);
    private static readonly Regex SwitchOnIoctl = new(@"\bswitch\s*\(\s*ioctl\s*\)\s*\{");
    private static readonly Regex CaseLabel = new(@"\bcase\s+(KVM_[A-Z0-9_]+)\s*:");
    private static readonly Regex IoctlTest = new(@"\bioctl\s*==\s*(KVM_[A-Z0-9_]+)\b");
    // A case group whose whole body refuses the ioctl.
    private static readonly Regex Refusal = new(@"^\s*(?:(?:r|ret)\s*=\s*-E[A-Z]+\s*;\s*break\s*;|return\s+-E[A-Z]+\s*;)\s*$");
    // device ops with an ioctl of their own (.ioctl = f,) are dispatchers of the device fd too.
    private static readonly Regex DeviceOpsIoctl = new(@"\.ioctl\s*=\s*(\w+)\s*,");

    // "ifdef CONFIG_X" (and its #if defined / IS_ENABLED spellings), nothing around it.
    private static readonly Regex PlainConfig = new(@"^(?:ifdef CONFIG_(\w+)|if defined\(CONFIG_(\w+)\)|if IS_ENABLED\(CONFIG_(\w+)\))$");
    private static readonly Regex Select = new(@"^\s*select\s+(\w+)", RegexOptions.Multiline);

    // Per arch folder, the symbols its arch/A/kvm/Kconfig selects (directly; "select X if Y" counts as X).
    private readonly IReadOnlyDictionary<string, HashSet<string>> selects;

    private KernelDispatch(IReadOnlyList<DispatchLabel> labels, IReadOnlyList<string> functions, IReadOnlyDictionary<string, HashSet<string>> selects)
    {
        Labels = labels;
        Functions = functions;
        this.selects = selects;
    }

    /// <summary>Every label found, in file order.</summary>
    public IReadOnlyList<DispatchLabel> Labels { get; }

    /// <summary>The dispatcher definitions found, as <c>FILE FUNCTION</c>.</summary>
    public IReadOnlyList<string> Functions { get; }

    /// <summary>The labels that take <paramref name="name"/> (refusals left out).</summary>
    public IEnumerable<DispatchLabel> Handling(string name) => Labels.Where(l => l.Name == name && !l.Rejected);

    /// <summary>The fds some dispatcher takes <paramref name="name"/> on.</summary>
    public IoctlFds FdsOf(string name) => Handling(name).Aggregate(IoctlFds.None, (all, l) => all | IoctlFdSets.Of(l.Fd));

    /// <summary>Every ioctl some dispatcher takes.</summary>
    public IReadOnlySet<string> Names => Labels.Where(l => !l.Rejected).Select(l => l.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The targets whose kernel dispatches <paramref name="name"/>: every target when generic code takes it
    /// unconditionally; the target of each <c>arch/A/kvm</c> file that takes it; for generic code under
    /// <c>#ifdef CONFIG_X</c>, the targets whose <c>arch/A/kvm/Kconfig</c> selects X. Null when nothing takes it or a
    /// label's condition is beyond that (<c>#ifdef __KVM_HAVE_IRQ_LINE</c>, which the arch's uAPI header defines).
    /// </summary>
    public IReadOnlySet<string>? KernelTargets(string name)
    {
        var labels = Handling(name).ToList();
        if (labels.Count == 0)
            return null;
        var targets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var label in labels)
        {
            if (TargetsOf(label) is not { } some)
                return null;
            targets.UnionWith(some);
        }
        return targets;
    }

    /// <summary>Whether only <c>arch/A/kvm</c> files take <paramref name="name"/>.</summary>
    public bool ArchOnly(string name) => Handling(name).Any() && Handling(name).All(l => l.ArchDirectory is not null);

    /// <summary>The targets of one label (see <see cref="KernelTargets"/>); null when its condition is not a plain CONFIG.</summary>
    public IReadOnlySet<string>? TargetsOf(DispatchLabel label)
    {
        if (label.ArchDirectory is not null)
            return label.Target is null ? new HashSet<string>() : new HashSet<string> { label.Target };
        if (label.Condition is null)
            return TargetArch.All.Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        var config = PlainConfig.Match(label.Condition);
        if (!config.Success)
            return null;
        var symbol = config.Groups.Cast<Group>().Skip(1).First(g => g.Success).Value;
        return selects.Where(s => s.Value.Contains(symbol) && ArchOf($"arch/{s.Key}/").Target is not null)
            .Select(s => ArchOf($"arch/{s.Key}/").Target!)
            .ToHashSet(StringComparer.Ordinal);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, KernelDispatch> Loaded = new();

    /// <summary>The dispatchers of <paramref name="release"/>, read once per test run.</summary>
    public static KernelDispatch Of(KernelRelease release) => Loaded.GetOrAdd(release.Version, _ => Load(release));

    /// <summary>Reads the dispatchers of <paramref name="release"/>'s <c>virt/kvm</c> and <c>arch/*/kvm</c> C files.</summary>
    public static KernelDispatch Load(KernelRelease release)
    {
        var files = Directory.EnumerateFiles(release.Sources, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".c", StringComparison.Ordinal) || Path.GetFileName(f) == "Kconfig")
            .Select(f => (Relative: Path.GetRelativePath(release.Sources, f).Replace('\\', '/'), Text: File.ReadAllText(f)))
            .OrderBy(f => f.Relative, StringComparer.Ordinal);
        return Parse(files);
    }

    /// <summary>Reads dispatchers from C files and <c>arch/A/kvm/Kconfig</c> files given as (path relative to the source root, text).</summary>
    public static KernelDispatch Parse(IEnumerable<(string Relative, string Text)> files)
    {
        var all = files.ToList();
        var selects = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (relative, text) in all.Where(f => f.Relative.EndsWith("/Kconfig", StringComparison.Ordinal)))
        {
            if (ArchOf(relative).ArchDirectory is not { } arch)
                continue;
            var symbols = selects.TryGetValue(arch, out var known) ? known : selects[arch] = new HashSet<string>(StringComparer.Ordinal);
            foreach (Match m in Select.Matches(text))
                symbols.Add(m.Groups[1].Value);
        }
        var sources = all.Where(f => f.Relative.EndsWith(".c", StringComparison.Ordinal))
            .Select(f => (f.Relative, Code: CSourceText.StripCommentsAndLiterals(f.Text))).ToList();
        var dispatchers = new Dictionary<string, IoctlScope>(Dispatchers, StringComparer.Ordinal);
        foreach (var (_, code) in sources)
        {
            foreach (Match m in DeviceOpsIoctl.Matches(code))
                dispatchers.TryAdd(m.Groups[1].Value, IoctlScope.Device);
        }
        var labels = new List<DispatchLabel>();
        var functions = new List<string>();
        foreach (var (relative, code) in sources)
        {
            var (archDirectory, target) = ArchOf(relative);
            foreach (Match m in Definition.Matches(code))
            {
                var name = m.Groups[1].Value;
                if (!dispatchers.TryGetValue(name, out var fd))
                    continue;
                // A definition, not a prototype: the parameter list is followed by the body.
                var close = CSourceText.Matching(code, m.Index + m.Length - 1, '(', ')');
                if (close < 0)
                    continue;
                var open = close + 1;
                while (open < code.Length && char.IsWhiteSpace(code[open]))
                    open++;
                if (open >= code.Length || code[open] != '{')
                    continue;
                var end = CSourceText.Matching(code, open, '{', '}');
                if (end < 0)
                    continue;
                functions.Add($"{relative} {name}");
                foreach (var (label, at, rejected) in LabelsIn(code, open, end))
                    labels.Add(new DispatchLabel(label, fd, name, relative, target, archDirectory, ConditionAt(code, at), rejected, LineAt(code, at)));
            }
        }
        return new KernelDispatch(labels, functions, selects);
    }

    /// <summary>The arch folder and KvmSharp target of a source path; (null, null) for generic code.</summary>
    public static (string? ArchDirectory, string? Target) ArchOf(string relative)
    {
        var parts = relative.Split('/');
        if (parts.Length < 2 || parts[0] != "arch")
            return (null, null);
        var target = parts[1] switch
        {
            "x86" => TargetArch.X86_64.Name,
            "arm64" => TargetArch.Arm64.Name,
            "riscv" => TargetArch.Riscv64.Name,
            "powerpc" => TargetArch.Ppc64le.Name,
            "s390" => TargetArch.S390x.Name,
            _ => null,
        };
        return (parts[1], target);
    }

    // The labels of the body's switch (ioctl) blocks, at their top level only: a nested switch on attr->group or
    // cap->cap has KVM_ labels too, and they are not ioctls. Then every `ioctl == KVM_X` anywhere in the body.
    private static IEnumerable<(string Name, int At, bool Rejected)> LabelsIn(string code, int open, int end)
    {
        var body = code.Substring(0, end + 1);
        for (var m = SwitchOnIoctl.Match(body, open); m.Success; m = m.NextMatch())
        {
            var blockOpen = m.Index + m.Length - 1;
            var blockEnd = CSourceText.Matching(code, blockOpen, '{', '}');
            if (blockEnd < 0)
                break;
            var pending = new List<(string, int)>();
            var depth = 0;
            var groupEnd = blockOpen + 1;
            for (var i = blockOpen + 1; i < blockEnd; i++)
            {
                var c = code[i];
                if (c == '{')
                    depth++;
                else if (c == '}')
                    depth--;
                else if (depth == 0 && (IsWordAt(code, i, "case") || IsWordAt(code, i, "default")))
                {
                    // Statements since the last label close the group before it: judge them. Labels that
                    // follow one another directly (case A: case B:) share one group.
                    if (pending.Count > 0 && HasStatements(code, groupEnd + 1, i))
                    {
                        foreach (var found in Flush(code, pending, groupEnd, i))
                            yield return found;
                    }
                    if (CaseLabel.Match(code, i) is { Success: true } label && label.Index == i)
                    {
                        pending.Add((label.Groups[1].Value, i));
                        i = groupEnd = label.Index + label.Length - 1;
                    }
                }
            }
            foreach (var found in Flush(code, pending, groupEnd, blockEnd))
                yield return found;
        }
        foreach (Match test in IoctlTest.Matches(body, open))
            yield return (test.Groups[1].Value, test.Index, false);
    }

    private static IEnumerable<(string, int, bool)> Flush(string code, List<(string Name, int At)> pending, int from, int to)
    {
        if (pending.Count == 0)
            yield break;
        var statements = string.Join(" ", code.Substring(from + 1, to - from - 1).Split('\n').Where(l => !l.TrimStart().StartsWith('#')));
        var rejected = Refusal.IsMatch(statements);
        foreach (var (name, at) in pending)
            yield return (name, at, rejected);
        pending.Clear();
    }

    private static bool HasStatements(string code, int from, int to)
        => code.Substring(from, to - from).Split('\n').Any(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#'));

    private static bool IsWordAt(string code, int i, string word)
        => string.CompareOrdinal(code, i, word, 0, word.Length) == 0
           && (i == 0 || !IsIdentifier(code[i - 1]))
           && (i + word.Length >= code.Length || !IsIdentifier(code[i + word.Length]));

    private static bool IsIdentifier(char c) => char.IsLetterOrDigit(c) || c == '_';

    private static int LineAt(string code, int at) => code.AsSpan(0, at).Count('\n') + 1;

    // The stack of #if lines open at `at`; #else turns the top one into "!(...)".
    private static string? ConditionAt(string code, int at)
    {
        var stack = new List<string>();
        foreach (var raw in code.Substring(0, at).Split('\n'))
        {
            var line = raw.Trim();
            if (!line.StartsWith('#'))
                continue;
            var directive = Regex.Replace(line.Substring(1).TrimStart(), @"\s+", " ");
            if (directive.StartsWith("if", StringComparison.Ordinal))
                stack.Add(directive);
            else if (directive.StartsWith("elif", StringComparison.Ordinal) && stack.Count > 0)
                stack[^1] = directive;
            else if (directive.StartsWith("else", StringComparison.Ordinal) && stack.Count > 0)
                stack[^1] = $"!({stack[^1]})";
            else if (directive.StartsWith("endif", StringComparison.Ordinal) && stack.Count > 0)
                stack.RemoveAt(stack.Count - 1);
        }
        // Header guards are not in .c files, so every open #if is a real condition.
        return stack.Count == 0 ? null : string.Join(" && ", stack);
    }
}
