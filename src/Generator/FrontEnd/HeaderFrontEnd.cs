using System.Text.RegularExpressions;
using KvmSharp.Generator.Diagnostics;
using KvmSharp.Generator.FrontEnd.Extraction;
using KvmSharp.Generator.FrontEnd.Layout;
using KvmSharp.Generator.FrontEnd.Lexing;
using KvmSharp.Generator.Model;
using KvmSharp.Generator.FrontEnd.Parsing;
using KvmSharp.Generator.FrontEnd.Preprocessing;
using KvmSharp.Generator.FrontEnd.Types;

namespace KvmSharp.Generator.FrontEnd;

/// <summary>
/// The C front-end: header text to <see cref="HeaderModel"/>, as clang would see it for the target.
/// Never throws on bad input: every problem becomes a located <see cref="HeaderDiagnostic"/>, and
/// whatever could be read is in the model.
/// </summary>
public static class HeaderFrontEnd
{
    /// <summary>Reads <paramref name="request"/>'s header from <paramref name="files"/>.</summary>
    public static HeaderModel Read(HeaderRequest request, IHeaderFiles files)
    {
        var diagnostics = new DiagnosticBag();
        var unit = new Preprocessor(request, files, diagnostics).Run();
        var layout = new TypeLayout(request.Arch);
        var tokens = unit.Tokens;
        var cursor = new TokenCursor(tokens, tokens[tokens.Count - 1]);
        var scope = new DeclarationScope(layout, cursor, unit.Packs);
        new DeclarationParser(cursor, scope, diagnostics).ParseTranslationUnit();

        var comments = new CommentIndex(unit.Files);
        var references = new TypeReferences(layout);
        var records = new RecordExtractor(layout, references, comments);
        var recordModels = scope.Records
            .Where(r => r.Tag is not null || r.TypedefName is not null)
            .Select(records.Extract)
            .Where(r => r is not null)
            .Select(r => r!)
            .ToEquatableArray();

        var macros = new MacroConstants(unit, scope);
        var (constants, nonConstants, candidates) = macros.Classify(comments);
        var ioctls = new IoctlExtractor(macros, scope, comments, references).Extract(candidates);

        return new HeaderModel(
            request.Arch.Name,
            request.Arch.CharIsSigned,
            request.Arch.IsBigEndian,
            constants.ToEquatableArray(),
            nonConstants.ToEquatableArray(),
            recordModels,
            scope.Enums.Select(e => Enum(e, comments)).ToEquatableArray(),
            scope.Typedefs.Select(t => Typedef(t, references)).ToEquatableArray(),
            ioctls.ToEquatableArray(),
            diagnostics.Items.ToEquatableArray(),
            unit.Files.Select(f => f.Path).ToEquatableArray())
        {
            LinuxVersion = ReadLinuxVersion(request.IncludeDirectories, files),
        };
    }

    private static readonly Regex VersionDefine = new(
        @"^[ \t]*#[ \t]*define[ \t]+(LINUX_VERSION_CODE|LINUX_VERSION_MAJOR|LINUX_VERSION_PATCHLEVEL|LINUX_VERSION_SUBLEVEL)[ \t]+(\d{1,9})[ \t]*\r?$",
        RegexOptions.Multiline | RegexOptions.CultureInvariant);

    /// <summary>
    /// <c>linux/version.h</c> from the first include folder that has it, as <c>#include &lt;linux/version.h&gt;</c> would
    /// find it. Its lines are plain <c>#define NAME NUMBER</c> in every release (the kernel's Makefile writes them), so
    /// they are read as such, not preprocessed: a missing file, or one without a decimal <c>LINUX_VERSION_CODE</c>,
    /// gives null, never a diagnostic (the bindings do not depend on it).
    /// </summary>
    internal static LinuxVersionModel? ReadLinuxVersion(IReadOnlyList<string> includeDirectories, IHeaderFiles files)
    {
        foreach (var directory in includeDirectories)
        {
            var path = (directory.Length > 1 ? directory.TrimEnd('/') : directory) + "/linux/version.h";
            var text = files.TryRead(path);
            if (text is null)
                continue;
            var values = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (Match match in VersionDefine.Matches(text))
                values[match.Groups[1].Value] = int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (!values.TryGetValue("LINUX_VERSION_CODE", out var code))
                return null;
            int Part(string name, int fromCode) => values.TryGetValue(name, out var value) ? value : fromCode;
            return new LinuxVersionModel(path, code,
                Part("LINUX_VERSION_MAJOR", code >> 16), Part("LINUX_VERSION_PATCHLEVEL", (code >> 8) & 0xff), Part("LINUX_VERSION_SUBLEVEL", code & 0xff));
        }
        return null;
    }

    private static EnumModel Enum(EnumCType e, CommentIndex comments)
        => new(e.Tag, e.TypedefName, e.Underlying,
            e.Enumerators.Select(x => x with { Comment = comments.For(x.Location) }).ToEquatableArray(), e.Location, comments.For(e.Location));

    private static TypedefModel Typedef(TypedefCType typedef, TypeReferences references)
    {
        var (element, dimensions, _) = TypeReferences.Unwrap(typedef.Target);
        return new TypedefModel(typedef.Name, references.Reference(element), dimensions.ToEquatableArray(), typedef.Location);
    }
}
