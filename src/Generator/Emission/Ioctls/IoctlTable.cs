using System.Globalization;
using KvmSharp.Generator.Model;

namespace KvmSharp.Generator.Emission.Ioctls;

/// <summary>
/// The runtime half of <c>KvmIoctls</c>: <c>All</c> (every request as a <c>KvmIoctl</c>, in header order) and the
/// lookups by request number, plus the <c>[KvmIoctl]</c> attribute arguments the constants carry.
/// </summary>
/// <remarks>
/// Requests are not unique: the header keeps deprecated aliases (<c>__KVM_DEPRECATED_*</c>) of live requests,
/// and unrelated ioctls share a number (<c>KVM_GET_ONE_REG</c> and <c>KVM_ARM_SET_DEVICE_ADDR</c>). <c>TryFind</c>
/// answers the first in header order, preferring a name without a leading underscore; <c>FindAll</c> answers
/// every one.
/// </remarks>
internal static class IoctlTable
{
    public static void Write(IndentedWriter w, IReadOnlyList<IoctlModel> ioctls, IReadOnlyList<string> names, IReadOnlyList<IoctlFds> fds)
    {
        w.Summary("Every ioctl of the header, in header order.");
        w.Line("public static global::System.Collections.Generic.IReadOnlyList<KvmIoctl> All { get; } = new KvmIoctl[]");
        w.Line("{");
        for (var i = 0; i < ioctls.Count; i++)
            w.Line("    " + Value(ioctls[i], names[i], fds[i]) + ",");
        w.Line("};");
        w.Line();
        // Declared after All: static initializers run in text order.
        w.Line("private static readonly global::System.Collections.Generic.Dictionary<uint, KvmIoctl> ByRequest = BuildIndex();");
        w.Line();
        w.Summary("The ioctl whose request number is <paramref name=\"request\"/>: the first in header order, preferring\na name without a leading underscore (the header's deprecated aliases have one).");
        w.Line("public static bool TryFind(uint request, out KvmIoctl ioctl) => ByRequest.TryGetValue(request, out ioctl);");
        w.Line();
        w.Summary("Every ioctl whose request number is <paramref name=\"request\"/>, in header order.");
        using (w.Open("public static global::System.Collections.Generic.IEnumerable<KvmIoctl> FindAll(uint request)"))
        {
            w.Line("foreach (var ioctl in All)");
            w.Line("{");
            w.Line("    if (ioctl.Request == request)");
            w.Line("        yield return ioctl;");
            w.Line("}");
        }
        w.Line();
        using (w.Open("private static global::System.Collections.Generic.Dictionary<uint, KvmIoctl> BuildIndex()"))
        {
            w.Line("var index = new global::System.Collections.Generic.Dictionary<uint, KvmIoctl>(All.Count);");
            w.Line("foreach (var ioctl in All)");
            w.Line("{");
            w.Line("    if (!index.TryGetValue(ioctl.Request, out var seen) || (seen.Name.StartsWith(\"_\", global::System.StringComparison.Ordinal) && !ioctl.Name.StartsWith(\"_\", global::System.StringComparison.Ordinal)))");
            w.Line("        index[ioctl.Request] = ioctl;");
            w.Line("}");
            w.Line("return index;");
        }
    }

    /// <summary>The arguments of <c>[KvmIoctl(...)]</c> for <paramref name="ioctl"/>: constants only, so analyzers can read them.</summary>
    public static string Arguments(IoctlModel ioctl, IoctlFds fds)
    {
        var text = $"KvmIoctlDirection.{ioctl.Direction}, {IoctlEmitter.Hex(ioctl.Type)}, {IoctlEmitter.Hex(ioctl.Number)}, {Decimal(ioctl.Size)}, {Scope(fds)}";
        if (ioctl.Argument is { } argument)
            text += $", ArgumentType = {CSharpNames.Literal(argument.Spelling)}";
        if (ioctl.RequiredCapabilities.Count > 0)
            text += $", RequiredCapabilities = new[] {{ {string.Join(", ", ioctl.RequiredCapabilities.Select(CSharpNames.Literal))} }}";
        return text;
    }

    // KvmIoctlScope is a flags enum: "KvmIoctlScope.Vm | KvmIoctlScope.Vcpu".
    private static string Scope(IoctlFds fds)
        => fds == IoctlFds.None ? "KvmIoctlScope.Unknown" : string.Join(" | ", fds.Scopes().Select(s => "KvmIoctlScope." + s));

    private static string Value(IoctlModel ioctl, string name, IoctlFds fds)
    {
        var argument = ioctl.Argument is { } a ? CSharpNames.Literal(a.Spelling) : "null";
        var capabilities = ioctl.RequiredCapabilities.Count == 0
            ? "global::System.Array.Empty<string>()"
            : $"new[] {{ {string.Join(", ", ioctl.RequiredCapabilities.Select(CSharpNames.Literal))} }}";
        return $"new KvmIoctl({CSharpNames.Literal(ioctl.Name)}, {name}, KvmIoctlDirection.{ioctl.Direction}, {IoctlEmitter.Hex(ioctl.Type)}, " +
            $"{IoctlEmitter.Hex(ioctl.Number)}, {Decimal(ioctl.Size)}, {argument}, {Scope(fds)}, {capabilities})";
    }

    private static string Decimal(uint value) => value.ToString(CultureInfo.InvariantCulture);
}
