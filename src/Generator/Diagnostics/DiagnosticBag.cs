using KvmSharp.Generator.Model;

namespace KvmSharp.Generator.Diagnostics;

/// <summary>
/// Collects the header diagnostics of one front-end run. Bounded, because a badly broken header can
/// produce one error per token and the IDE must stay responsive.
/// </summary>
internal sealed class DiagnosticBag
{
    private const int Limit = 500;
    // Created on the first problem: most bags (scratch bags of speculative parses) never get one.
    private List<HeaderDiagnostic>? items;
    private HashSet<(string, int, int, string)>? seen;

    public IReadOnlyList<HeaderDiagnostic> Items => (IReadOnlyList<HeaderDiagnostic>?)items ?? Array.Empty<HeaderDiagnostic>();

    public void Error(string id, string message, SourceLocation location) => Add(id, DiagnosticSeverity.Error, message, location);

    public void Warning(string id, string message, SourceLocation location) => Add(id, DiagnosticSeverity.Warning, message, location);

    private void Add(string id, DiagnosticSeverity severity, string message, SourceLocation location)
    {
        items ??= new List<HeaderDiagnostic>();
        seen ??= new HashSet<(string, int, int, string)>();
        if (items.Count >= Limit || !seen.Add((location.File, location.Line, location.Column, message)))
            return;
        items.Add(new HeaderDiagnostic(id, severity, message, location));
        if (items.Count == Limit)
            items.Add(new HeaderDiagnostic(id, DiagnosticSeverity.Error, $"too many problems; the first {Limit} are shown", location));
    }
}
