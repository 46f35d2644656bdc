using KvmSharp.Generator.Diagnostics;
using KvmSharp.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using RoslynSeverity = Microsoft.CodeAnalysis.DiagnosticSeverity;

namespace KvmSharp.Generator.Generation;

/// <summary>
/// Header problems as compiler diagnostics, placed at the header's file, line and column (CsWin32
/// style), plus the generator's own: a bad property, or a failure that must not break the build.
/// </summary>
internal static class GeneratorDiagnostics
{
    public const string Category = "KvmSharp.Header";

    public static readonly DiagnosticDescriptor UnknownArch = new(
        "KVMG0001", "Unknown KvmTargetArch", "KvmTargetArch '{0}' is not a target KvmSharp knows; use one of: {1}",
        Category, RoslynSeverity.Error, isEnabledByDefault: true, helpLinkUri: DiagnosticHelp.Link("KVMG0001"));

    public static readonly DiagnosticDescriptor BadNamespace = new(
        "KVMG0003", "KvmNamespace is not a namespace name",
        "KvmNamespace '{0}' is not a C# namespace name; expected identifiers separated by dots, such as MyVmm.Kvm",
        Category, RoslynSeverity.Error, isEnabledByDefault: true, helpLinkUri: DiagnosticHelp.Link("KVMG0003"));

    public static readonly DiagnosticDescriptor Internal = new(
        "KVMG0002", "The KvmSharp generator failed", "The KvmSharp generator failed on this header and generated nothing: {0}",
        Category, RoslynSeverity.Error, isEnabledByDefault: true, helpLinkUri: DiagnosticHelp.Link("KVMG0002"));

    public static readonly DiagnosticDescriptor InferredPlacement = new(
        FrontEnd.Placement.IoctlPlacer.InferredId, "An ioctl KvmSharp's facts do not know was placed by the header's comments", "{0}",
        Category, RoslynSeverity.Warning, isEnabledByDefault: true, helpLinkUri: DiagnosticHelp.Link(FrontEnd.Placement.IoctlPlacer.InferredId),
        description: "Which fd takes an ioctl is a fact of the kernel (Documentation/virt/kvm/api.rst, the kernel's ioctl dispatchers) that KvmSharp ships " +
            "as data. An ioctl that data does not know, as in a patched header, is placed by the section comment above its #define, if any; " +
            "a line 'ioctl KVM_X on vm' in a *.kvmcontracts AdditionalFile states it and silences this warning.");

    public static readonly DiagnosticDescriptor BadIoctlStatement = new(
        "KVMG0005", "An ioctl statement of a .kvmcontracts file cannot be read", "{0}",
        Category, RoslynSeverity.Warning, isEnabledByDefault: true, helpLinkUri: DiagnosticHelp.Link("KVMG0005"));

    public static Diagnostic FromHeader(HeaderDiagnostic diagnostic, string? hint)
    {
        var severity = diagnostic.Severity == Model.DiagnosticSeverity.Error ? RoslynSeverity.Error : RoslynSeverity.Warning;
        var descriptor = diagnostic.Id == InferredPlacement.Id ? InferredPlacement
            : diagnostic.Id == BadIoctlStatement.Id ? BadIoctlStatement
            : HeaderDiagnosticDescriptors.ById.TryGetValue(diagnostic.Id, out var known) ? known
            // Every ID the front-end reports has a descriptor (a test holds them together); an unknown one still gets a page link.
            : new DiagnosticDescriptor(diagnostic.Id, "Problem in a KVM header", "{0}", Category, severity, isEnabledByDefault: true,
                helpLinkUri: DiagnosticHelp.Link(diagnostic.Id));
        var message = hint is null ? diagnostic.Message : $"{diagnostic.Message}; {hint}";
        return Diagnostic.Create(descriptor, Place(diagnostic.Location), severity, additionalLocations: null, properties: null, message);
    }

    private static Location Place(SourceLocation location)
    {
        if (location == SourceLocation.BuiltIn || location.File.StartsWith("<", StringComparison.Ordinal))
            return Location.None;
        var position = new LinePosition(Math.Max(0, location.Line - 1), Math.Max(0, location.Column - 1));
        return Location.Create(location.File, default, new LinePositionSpan(position, position));
    }
}
