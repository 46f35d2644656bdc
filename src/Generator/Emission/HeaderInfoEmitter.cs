using System.Text;
using KvmSharp.Generator.Model;

namespace KvmSharp.Generator.Emission;

/// <summary>
/// <c>KvmHeaderInfo</c>: which header the bindings were generated from (the kernel release of
/// <c>linux/version.h</c>, the target, the files read), so a VMM can log what its ABI came from.
/// </summary>
internal static class HeaderInfoEmitter
{
    public const string HintName = "KvmHeaderInfo.g.cs";

    public static IEnumerable<GeneratedSource> Emit(HeaderModel model, EmitOptions options)
    {
        var version = model.LinuxVersion;
        var w = new IndentedWriter();
        SupportFile.Header(w);
        using (w.Open($"namespace {options.Namespace}"))
        {
            w.Summary("Which Linux uAPI header these bindings were generated from, for a VMM to log.");
            using (w.Open($"{options.Accessibility} static partial class KvmHeaderInfo"))
            {
                w.Line("/// <summary>");
                w.Line("/// The kernel release of the headers: <c>LINUX_VERSION_MAJOR</c>.<c>LINUX_VERSION_PATCHLEVEL</c>.<c>LINUX_VERSION_SUBLEVEL</c>");
                w.Line("/// of <c>linux/version.h</c> (from <c>LINUX_VERSION_CODE</c> where the header has only that); null when the include");
                w.Line("/// folders have no <c>linux/version.h</c>.");
                w.Line("/// </summary>");
                w.Line(version is null
                    ? "public static global::System.Version? LinuxVersion { get; } = null;"
                    : $"public static global::System.Version? LinuxVersion {{ get; }} = new global::System.Version({version.Major}, {version.Minor}, {version.Sublevel});");
                w.Line();
                w.Line("/// <summary><c>LINUX_VERSION_CODE</c> of <c>linux/version.h</c>; null when there is none.</summary>");
                w.Line($"public static int? LinuxVersionCode {{ get; }} = {(version is null ? "null" : version.Code.ToString(System.Globalization.CultureInfo.InvariantCulture))};");
                w.Line();
                w.Line("/// <summary>The <c>linux/version.h</c> read, as the include folder named it; null when there is none.</summary>");
                w.Line($"public static string? LinuxVersionFile {{ get; }} = {(version is null ? "null" : Literal(version.Path))};");
                w.Line();
                w.Line("/// <summary>The target the bindings describe (<c>x86_64</c>, <c>arm64</c>, ...).</summary>");
                w.Line($"public const string Arch = {Literal(model.Arch)};");
                w.Line();
                w.Line("/// <summary>The header files the bindings were read from, in the order they were opened, as the include folders named them.</summary>");
                w.Line("public static global::System.Collections.Generic.IReadOnlyList<string> Files { get; } = new string[]");
                w.Line("{");
                foreach (var file in model.Files)
                    w.Line("    " + Literal(file) + ",");
                w.Line("};");
            }
        }
        return new[] { new GeneratedSource(HintName, w.ToString()) };
    }

    /// <summary>A C# regular string literal of any text (a path may hold quotes, backslashes, control characters).</summary>
    internal static string Literal(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                default:
                    if (c < ' ' || c == '\u007f' || c == '\u0085' || c == '\u2028' || c == '\u2029' || char.IsSurrogate(c))
                        builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    else
                        builder.Append(c);
                    break;
            }
        }
        return builder.Append('"').ToString();
    }
}
