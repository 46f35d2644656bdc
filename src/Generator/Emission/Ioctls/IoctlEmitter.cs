using System.Globalization;
using KvmSharp.Generator.Emission.Wrappers;
using KvmSharp.Generator.Model;

namespace KvmSharp.Generator.Emission.Ioctls;

/// <summary>
/// <c>KvmIoctls</c>: every ioctl request of the header as a <c>uint</c> constant named after the macro without
/// <c>KVM_</c> (<c>KVM_SET_USER_MEMORY_REGION</c> is <c>SetUserMemoryRegion</c>), carrying its decoding as
/// <c>[KvmIoctl]</c> attribute data for analyzers; plus <c>All</c>, the same data as <c>KvmIoctl</c> values in
/// header order, and a lookup by request number.
/// </summary>
/// <remarks>
/// <c>uint</c> because every request the <c>_IOC</c> encoding makes is 32 bits (the kernel's <c>ioctl</c>
/// takes it as <c>unsigned int</c>); a request that does not fit is left out with a comment. Argument types
/// are C spellings, so this file needs none of the record structs.
/// </remarks>
internal static class IoctlEmitter
{
    public const string HintName = "KvmIoctls.g.cs";

    // Names the class itself uses; an ioctl that would be named so keeps KVM_ in its name.
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal) { "All", "TryFind", "FindAll", GeneratedNames.Ioctls, "ByRequest", "BuildIndex" };

    public static IEnumerable<GeneratedSource> Emit(HeaderModel model, EmitOptions options)
    {
        var ioctls = model.Ioctls.Where(i => i.Request <= uint.MaxValue).ToList();
        var names = Names(ioctls);
        var placements = FrontEnd.Placement.IoctlPlacer.ByName(model, options.StatedIoctls);
        var fds = ioctls.Select(i => placements[i.Name].Fds).ToList();
        var w = new IndentedWriter();
        SupportFile.Header(w);
        using (w.Open($"namespace {options.Namespace}"))
        {
            w.Summary($"The ioctl requests of {options.HeaderDescription} for {model.Arch}, their decoding, and a lookup by request.");
            using (w.Open($"{options.Accessibility} static partial class {options.IoctlsClass}"))
            {
                foreach (var skipped in model.Ioctls.Where(i => i.Request > uint.MaxValue))
                    w.Line($"// {skipped.Name}: request 0x{skipped.Request.ToString("X", CultureInfo.InvariantCulture)} does not fit 32 bits; left out.");
                for (var i = 0; i < ioctls.Count; i++)
                {
                    Constant(w, ioctls[i], names[i], fds[i]);
                    w.Line();
                }
                IoctlTable.Write(w, ioctls, names, fds);
            }
        }
        return new[] { new GeneratedSource(HintName, w.ToString()) };
    }

    /// <summary>The C# names, in the order of <paramref name="ioctls"/>: unique, and clear of the class's own members.</summary>
    public static List<string> Names(IReadOnlyList<IoctlModel> ioctls)
    {
        var used = new HashSet<string>(Reserved, StringComparer.Ordinal);
        var result = new List<string>(ioctls.Count);
        foreach (var ioctl in ioctls)
        {
            var bare = ioctl.Name.TrimStart('_');
            if (bare.StartsWith("KVM_", StringComparison.Ordinal))
                bare = bare.Substring(4);
            var name = CSharpNames.Pascal(bare);
            if (used.Contains(name))
                name = CSharpNames.Pascal(ioctl.Name);
            var unique = name;
            for (var n = 2; used.Contains(unique); n++)
                unique = name + "_" + n;
            used.Add(unique);
            result.Add(unique);
        }
        return result;
    }

    private static void Constant(IndentedWriter w, IoctlModel ioctl, string name, IoctlFds fds)
    {
        SupportFile.MacroSummary(w, ioctl.Name, Describe(ioctl, fds), ioctl.Comment);
        w.Line($"[NativeTypeName({CSharpNames.Literal(ioctl.Name)})]");
        w.Line($"[KvmIoctl({IoctlTable.Arguments(ioctl, fds)})]");
        w.Line($"public const uint {name} = {Hex(ioctl.Request)};");
    }

    // "_IOW on a VM fd, argument struct kvm_x, available with KVM_CAP_Y": what a reader needs before the comment.
    private static string Describe(IoctlModel ioctl, IoctlFds fds)
    {
        var macro = ioctl.Direction switch
        {
            IoctlDirection.Read => "_IOR",
            IoctlDirection.Write => "_IOW",
            IoctlDirection.ReadWrite => "_IOWR",
            _ => "_IO",
        };
        var fd = fds == IoctlFds.None ? "" : " on " + string.Join(" or ", fds.Scopes().Select(IoctlWrapperScopes.Describe));
        var text = $"(<c>{macro}</c>{fd}";
        if (ioctl.Argument is { } argument)
            text += $", argument <c>{IndentedWriter.XmlEscape(argument.Spelling)}</c>";
        if (ioctl.RequiredCapabilities.Count > 0)
            text += ", available with " + string.Join(", ", ioctl.RequiredCapabilities.Select(c => $"<c>{IndentedWriter.XmlEscape(c)}</c>"));
        return text + ")";
    }

    public static string Hex(ulong value) => "0x" + value.ToString("X", CultureInfo.InvariantCulture);
}
