using KvmSharp.Generator.Model;
using KvmSharp.Generator.FrontEnd.Targets;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KvmSharp.Generator.Generation;

/// <summary>
/// The MSBuild properties the generator reads (made visible to the compiler by KvmSharp's props file),
/// with their defaults applied. Equatable, so a build whose properties did not change reuses the model.
/// </summary>
/// <param name="ArchName">KvmTargetArch as given (or the build host's arch), before it is checked.</param>
/// <param name="IncludeDirectories">KvmIncludeDirectories, in search order.</param>
/// <param name="Header">KvmHeader: the header to read, as <c>#include &lt;...&gt;</c> names it.</param>
/// <param name="Namespace">KvmNamespace: the namespace of the generated code.</param>
/// <param name="Public">KvmPublic: whether generated types are public.</param>
internal sealed record GeneratorSettings(string ArchName, EquatableArray<string> IncludeDirectories, string Header, string Namespace, bool Public)
{
    /// <summary>The <c>KvmAdditionalHeader</c> items: headers read after <see cref="Header"/> in the same translation unit.</summary>
    public EquatableArray<string> AdditionalHeaders { get; init; } = EquatableArray<string>.Empty;

    /// <summary>The <c>KvmUapiHeader</c> items: headers whose bindings are generated each in a unit and namespace of its own.</summary>
    public EquatableArray<UapiHeaderSelection> UapiHeaders { get; init; } = EquatableArray<UapiHeaderSelection>.Empty;

    public TargetArch? Arch => TargetArch.Find(ArchName);

    /// <summary>Whether <see cref="Namespace"/> can follow <c>namespace</c> in C#: dotted identifiers, no keyword.</summary>
    public bool HasValidNamespace => Namespace.Split('.').All(part =>
        SyntaxFacts.IsValidIdentifier(part) && SyntaxFacts.GetKeywordKind(part) == SyntaxKind.None);

    public static GeneratorSettings From(AnalyzerConfigOptions options)
    {
        string Property(string name) => options.TryGetValue("build_property." + name, out var value) ? value.Trim() : "";

        var archName = Property("KvmTargetArch");
        if (archName.Length == 0)
            archName = HostArch();
        // KvmSharp.targets passes the list '|'-separated: ';' would start a comment in the compiler's .editorconfig.
        var listed = Property("_KvmIncludeDirectoriesForCompiler");
        var directories = (listed.Length > 0 ? listed : Property("KvmIncludeDirectories"))
            .Split(new[] { ';', '|' }, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => d.Trim())
            .Where(d => d.Length > 0)
            .ToEquatableArray();
        if (directories.Count == 0 && TargetArch.Find(archName) is { } arch)
            directories = arch.DefaultIncludeDirectories.ToEquatableArray();
        var header = Property("KvmHeader");
        var ns = Property("KvmNamespace");
        // KvmSharp.targets joins the KvmAdditionalHeader items with '|', as it does the folders.
        var additional = Property("_KvmAdditionalHeadersForCompiler")
            .Split(new[] { ';', '|' }, StringSplitOptions.RemoveEmptyEntries)
            .Select(h => h.Trim())
            .Where(h => h.Length > 0)
            .ToEquatableArray();
        return new GeneratorSettings(
            archName,
            directories,
            header.Length == 0 ? "linux/kvm.h" : header,
            ns.Length == 0 ? "KvmSharp" : ns,
            string.Equals(Property("KvmPublic"), "true", StringComparison.OrdinalIgnoreCase))
        {
            AdditionalHeaders = additional,
            UapiHeaders = UapiHeaderSelection.Parse(Property("_KvmUapiHeadersForCompiler")),
        };
    }

    private static string HostArch() => System.Runtime.InteropServices.RuntimeInformation.OSArchitecture switch
    {
        System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
        _ => "x86_64",
    };
}
