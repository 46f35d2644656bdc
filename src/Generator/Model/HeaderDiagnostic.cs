namespace KvmSharp.Generator.Model;

/// <summary>How bad a header problem is.</summary>
public enum DiagnosticSeverity
{
    /// <summary>Something the header asked to be told (<c>#warning</c>) or that was skipped with a reason.</summary>
    Warning,

    /// <summary>The header could not be read as C at this point; reading went on after it.</summary>
    Error,
}

/// <summary>A problem found in a header, pointing at the exact place in the input file.</summary>
/// <param name="Id">A stable identifier (<c>KVMH0001</c>...), see <see cref="Diagnostics.DiagnosticIds"/>.</param>
public sealed record HeaderDiagnostic(string Id, DiagnosticSeverity Severity, string Message, SourceLocation Location)
{
    /// <inheritdoc/>
    public override string ToString()
        => $"{Location}: {(Severity == DiagnosticSeverity.Error ? "error" : "warning")} {Id}: {Message}";
}
