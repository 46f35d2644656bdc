using KvmSharp.Generator.Emission.Ioctls;
using KvmSharp.Generator.Emission.Records;
using KvmSharp.Generator.Facts;
using KvmSharp.Generator.Model;

namespace KvmSharp.Generator.Emission.Uapi;

/// <summary>
/// The typed methods of a chosen uAPI header's ioctls on the runtime's device fds (<c>VhostNet</c>, <c>TunDevice</c>...):
/// one class of extension methods per fd, <c>VhostNetIoctls</c>, in the header's namespace, for the ioctls
/// <see cref="DeviceIoctlFactTable"/> places. The conventions are the KVM wrappers': an <c>_IOR</c> ioctl returns what
/// the kernel wrote, <c>_IOW</c> takes its argument <c>in</c>, <c>_IOWR</c> <c>ref</c>, one that makes an fd returns its
/// owner, and a refusal throws <c>UapiException</c> naming the ioctl and the errno. Only emitted when the compilation
/// references the runtime.
/// </summary>
internal static class DeviceIoctlEmitter
{
    private const string Runtime = "global::KvmSharp.";

    public static IEnumerable<GeneratedSource> Emit(HeaderModel model, EmitOptions options, DeviceIoctlFactTable facts)
    {
        if (!options.RuntimeReferenced)
            yield break;
        var ioctls = model.Ioctls.Where(i => i.Request <= uint.MaxValue).ToList();
        var names = IoctlEmitter.Names(ioctls);
        var requestNames = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < ioctls.Count; i++)
            requestNames[ioctls[i].Name] = names[i];
        var records = new Dictionary<string, RecordPlan>(StringComparer.Ordinal);
        foreach (var plan in new RecordPlanner(model, options).Plan())
        {
            if (plan.Record.Key is { } key && !records.ContainsKey(key))
                records[key] = plan;
        }
        var placed = ioctls.Select(i => (Ioctl: i, Fact: facts.Find(i.Name))).Where(p => p.Fact is not null).ToList();
        foreach (var kind in DeviceFiles.Kinds)
        {
            var mine = placed.Where(p => p.Fact!.Fds.Contains(kind)).ToList();
            if (mine.Count == 0)
                continue;
            var className = DeviceFiles.TypeName(kind) + "Ioctls";
            var w = new IndentedWriter();
            SupportFile.Header(w);
            using (w.Open($"namespace {options.Namespace}"))
            {
                w.Summary($"The ioctls of {options.HeaderDescription} that {DeviceFiles.Describe(kind)} takes, as typed methods on\n" +
                    $"<c>KvmSharp.{DeviceFiles.TypeName(kind)}</c>. Each throws <c>UapiException</c> naming the C ioctl when the kernel refuses.");
                using (w.Open($"{options.Accessibility} static partial class {className}"))
                {
                    var first = true;
                    foreach (var (ioctl, fact) in mine)
                    {
                        var request = $"global::{options.Namespace}.{options.IoctlsClass}.{requestNames[ioctl.Name]}";
                        if (!first)
                            w.Line();
                        first = false;
                        Method(w, kind, ioctl, fact!, request, records);
                    }
                }
            }
            yield return new GeneratedSource($"{options.Namespace}.{className}.g.cs", w.ToString());
        }
    }

    private static void Method(IndentedWriter w, string kind, IoctlModel ioctl, DeviceIoctlFact fact, string request, Dictionary<string, RecordPlan> records)
    {
        var receiver = Runtime + DeviceFiles.TypeName(kind);
        var self = $"this {receiver} fd";
        var name = CSharpNames.Literal(ioctl.Name);
        var returnsFd = fact.Creates is { } created ? Runtime + DeviceFiles.TypeName(created) : null;
        string Result(string call) => returnsFd is null ? call : $"{returnsFd}.FromFileDescriptor({call})";
        var resultType = returnsFd ?? "int";
        var resultDoc = returnsFd is null
            ? "/// <returns>The ioctl's non-negative result.</returns>"
            : $"/// <returns>The new {DeviceFiles.Describe(fact.Creates!)}, which the caller owns.</returns>";

        void Summary(string? parameterDoc)
        {
            SupportFile.MacroSummary(w, ioctl.Name, $"(on {DeviceFiles.Describe(kind)}; <c>{IndentedWriter.XmlEscape(fact.Source)}</c>)", ioctl.Comment);
            if (parameterDoc is not null)
                w.Line(parameterDoc);
        }

        switch (fact.Argument)
        {
            case DeviceArgumentKind.Value:
                Summary("/// <param name=\"value\">The argument, passed as C's <c>unsigned long</c>.</param>");
                w.Line(resultDoc);
                w.Line(returnsFd is null
                    ? $"public static int {fact.Method}({self}, ulong value) => fd.Ioctl({request}, value, {name});"
                    : $"public static {resultType} {fact.Method}({self}, ulong value) => {Result($"fd.IoctlReturningFileDescriptor({request}, value, {name})")};");
                return;
            case DeviceArgumentKind.String:
                Summary("/// <param name=\"value\">The string the kernel reads (passed NUL-terminated, in UTF-8).</param>");
                w.Line(resultDoc);
                w.Line($"public static {resultType} {fact.Method}({self}, string value) => {Result($"fd.IoctlString({request}, value, {name})")};");
                return;
            case DeviceArgumentKind.Ref or DeviceArgumentKind.In:
            {
                var modifier = fact.Argument == DeviceArgumentKind.Ref ? "ref" : "in";
                var call = fact.Argument == DeviceArgumentKind.Ref ? "IoctlReadWrite" : "IoctlWrite";
                var type = NamedType(fact.ArgumentType!, records);
                var doc = $"/// <param name=\"value\">The <c>{IndentedWriter.XmlEscape(fact.ArgumentType!)}</c> the kernel {(modifier == "ref" ? "reads and writes back" : "reads")}.</param>";
                if (type is null)
                {
                    // The header does not define the type (struct ifreq is linux/if.h's): any struct of the caller's.
                    Summary(doc);
                    w.Line($"/// <typeparam name=\"T\">The caller's <c>{IndentedWriter.XmlEscape(fact.ArgumentType!)}</c>, which this header does not define.</typeparam>");
                    w.Line(resultDoc);
                    w.Line($"public static {resultType} {fact.Method}<T>({self}, {modifier} T value) where T : unmanaged => {Result($"fd.{call}({request}, {modifier} value, {name})")};");
                }
                else
                {
                    Summary(doc);
                    w.Line(resultDoc);
                    w.Line($"public static {resultType} {fact.Method}({self}, {modifier} {type} value) => {Result($"fd.{call}({request}, {modifier} value, {name})")};");
                }
                return;
            }
        }

        // By direction.
        var argument = ioctl.Argument is { } reference ? ArgumentType(reference, records) : null;
        switch (ioctl.Direction)
        {
            case IoctlDirection.None:
                Summary(null);
                w.Line(resultDoc);
                w.Line($"public static {resultType} {fact.Method}({self}) => {Result($"fd.Ioctl({request}, 0UL, {name})")};");
                return;
            case IoctlDirection.Read when argument is not null:
                Summary(null);
                w.Line($"/// <returns>The <c>{IndentedWriter.XmlEscape(ioctl.Argument!.Spelling)}</c> the kernel wrote.</returns>");
                using (w.Open($"public static {argument} {fact.Method}({self})"))
                {
                    w.Line($"fd.IoctlRead({request}, out {argument} value, {name});");
                    w.Line("return value;");
                }
                return;
            case IoctlDirection.Write when argument is not null:
                Summary($"/// <param name=\"value\">The <c>{IndentedWriter.XmlEscape(ioctl.Argument!.Spelling)}</c> the kernel reads.</param>");
                w.Line(resultDoc);
                w.Line($"public static {resultType} {fact.Method}({self}, in {argument} value) => {Result($"fd.IoctlWrite({request}, in value, {name})")};");
                return;
            case IoctlDirection.ReadWrite when argument is not null:
                Summary($"/// <param name=\"value\">The <c>{IndentedWriter.XmlEscape(ioctl.Argument!.Spelling)}</c> the kernel reads and writes back.</param>");
                w.Line(resultDoc);
                w.Line($"public static {resultType} {fact.Method}({self}, ref {argument} value) => {Result($"fd.IoctlReadWrite({request}, ref value, {name})")};");
                return;
            default:
                w.Line($"// {ioctl.Name}: its argument type {ioctl.Argument?.Spelling} has no C# struct here; no method (use the raw Ioctl).");
                return;
        }
    }

    // The C# type of the header's argument type: its record struct, or the scalar that holds it.
    private static string? ArgumentType(TypeReference type, Dictionary<string, RecordPlan> records)
        => type.Category == TypeCategory.Record
            ? type.RecordKey is { } key && records.TryGetValue(key, out var plan) ? plan.FullName : null
            : type.Category is TypeCategory.Integer or TypeCategory.Enum ? ScalarTypes.Of(type) : null;

    // A fact's type: "struct NAME" by the record's key, a plain C integer by name; null when the header lacks it.
    private static string? NamedType(string cType, Dictionary<string, RecordPlan> records)
    {
        if (cType.StartsWith("struct ", StringComparison.Ordinal) || cType.StartsWith("union ", StringComparison.Ordinal))
            return records.TryGetValue(cType.Substring(cType.IndexOf(' ') + 1).Trim(), out var plan) ? plan.FullName : null;
        return cType switch
        {
            "int" or "__s32" => "int",
            "unsigned int" or "__u32" => "uint",
            "__u64" => "ulong",
            "__s64" => "long",
            _ => null,
        };
    }
}
