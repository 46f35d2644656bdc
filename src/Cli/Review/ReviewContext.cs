using System.Text.RegularExpressions;
using KvmSharp.Cli.ApiRst;
using KvmSharp.Generator.FrontEnd.Targets;
using KvmSharp.Generator.FrontEnd;
using KvmSharp.Generator.Model;
using KvmSharp.Generator;

namespace KvmSharp.Cli.Review;

/// <summary>Everything the checks look at: the patched header's model and text, the base's model, and api.rst.</summary>
internal sealed class ReviewContext
{
    private static readonly Regex Define = new(@"^\s*#\s*define\s+([A-Za-z_]\w*)", RegexOptions.Multiline);

    public ReviewContext(TargetArch arch, HeaderModel model, HeaderModel? @base, string apiRstPath, string apiRstText, IHeaderFiles files,
        IReadOnlySet<string>? definedElsewhere = null)
    {
        DefinedElsewhere = definedElsewhere ?? new HashSet<string>();
        Arch = arch;
        Model = model;
        Base = @base;
        ApiRstPath = apiRstPath;
        Document = ApiRstDocument.Parse(apiRstText);
        Outline = Document.Outline;
        var texts = new List<(string Path, string Text)>();
        foreach (var file in model.Files)
        {
            if (files.TryRead(file) is { } text)
                texts.Add((file, text));
        }
        HeaderTexts = texts;
        // Every macro the header files define (function-like ones too: KVM_REG_ARM64_SVE_ZREG(n, i)) and every enumerator.
        var defined = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, text) in texts)
        {
            defined.UnionWith(DefinedIn(text));
        }
        foreach (var enumerator in model.Enums.SelectMany(e => e.Enumerators))
            defined.Add(enumerator.Name);
        Defined = defined;
        baseNames = @base is null ? null : new HashSet<string>(@base.Constants.Select(c => c.Name), StringComparer.Ordinal);
    }

    private readonly HashSet<string>? baseNames;

    public TargetArch Arch { get; }

    /// <summary>The patched tree's header.</summary>
    public HeaderModel Model { get; }

    /// <summary>The base tree's header, or null.</summary>
    public HeaderModel? Base { get; }

    public string ApiRstPath { get; }

    public ApiRstOutline Outline { get; }

    public ApiRstDocument Document { get; }

    /// <summary>The text of every header file the front-end read, by path.</summary>
    public IReadOnlyList<(string Path, string Text)> HeaderTexts { get; }

    /// <summary>Every name the header files <c>#define</c>, and every enumerator.</summary>
    public IReadOnlySet<string> Defined { get; }

    /// <summary>The names other architectures' headers define (<c>--other-include</c>).</summary>
    public IReadOnlySet<string> DefinedElsewhere { get; }

    /// <summary>Every name a <c>#define</c> of <paramref name="text"/> defines.</summary>
    public static IEnumerable<string> DefinedIn(string text) => Define.Matches(text).Select(m => m.Groups[1].Value);

    /// <summary>The public capability constants (<c>KVM_CAP_*</c>) of <paramref name="model"/>.</summary>
    public static IEnumerable<ConstantModel> Capabilities(HeaderModel model)
        => model.Constants.Where(c => c.Name.StartsWith("KVM_CAP_", StringComparison.Ordinal));

    /// <summary>The public ioctls of <paramref name="model"/> (not the implementation's <c>__KVM_DEPRECATED_*</c> spellings).</summary>
    public static IEnumerable<IoctlModel> Ioctls(HeaderModel model) => model.Ioctls.Where(i => !i.Name.StartsWith("_", StringComparison.Ordinal));

    /// <summary>Whether the patch adds <paramref name="name"/>: there is a base, and the base's header does not define it.</summary>
    public bool IsNew(string name) => baseNames is not null && !baseNames.Contains(name);
}
