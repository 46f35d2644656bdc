using KvmSharp.Generator.Model;
using KvmSharp.Generator.FrontEnd.Placement;
using Microsoft.CodeAnalysis;

namespace KvmSharp.Generator.Generation;

/// <summary>
/// The project's <c>ioctl KVM_X on FD</c> statements from its <c>*.kvmcontracts</c> AdditionalFiles, and the
/// lines of them that could not be read (KVMG0005). Equatable, so an edit elsewhere leaves the bindings cached.
/// </summary>
internal sealed record StatedIoctls(EquatableArray<IoctlStatement> Statements, EquatableArray<HeaderDiagnostic> Problems)
{
    /// <summary>The extension of contracts files, shared with the analyzers' capability contracts.</summary>
    public const string Extension = ".kvmcontracts";

    public static bool IsContractsFile(AdditionalText text) => text.Path.EndsWith(Extension, StringComparison.OrdinalIgnoreCase);

    /// <summary>The statements of one file.</summary>
    public static StatedIoctls Read(AdditionalText file, CancellationToken cancellation)
    {
        var text = file.GetText(cancellation)?.ToString() ?? "";
        var problems = new List<(int Line, string Message)>();
        var statements = IoctlStatementParser.Parse(text, file.Path, problems);
        return new StatedIoctls(statements.ToEquatableArray(), problems
            .Select(p => new HeaderDiagnostic(GeneratorDiagnostics.BadIoctlStatement.Id, Model.DiagnosticSeverity.Warning, p.Message, new SourceLocation(file.Path, p.Line, 1)))
            .ToEquatableArray());
    }

    /// <summary>Every file's statements and problems, in the order the build listed the files.</summary>
    public static StatedIoctls Merge(IEnumerable<StatedIoctls> files)
    {
        var list = files.ToList();
        return new StatedIoctls(list.SelectMany(f => f.Statements).ToEquatableArray(), list.SelectMany(f => f.Problems).ToEquatableArray());
    }
}
