using System.Text;
using KvmSharp.Generator.Diagnostics;
using KvmSharp.Generator.Model;
using Xunit;

namespace KvmSharp.Tests.Constructs;

/// <summary>
/// Bad headers: the front-end must not throw, must say what is wrong at the exact place (columns as clang
/// gives them: a directive's name, the offending token, an include's file name), and must keep what it
/// could read around the problem.
/// </summary>
public sealed class BadHeaderDiagnosticTests : IDisposable
{
    private readonly ConstructHeaders headers = new();

    public void Dispose() => headers.Dispose();

    private HeaderModel ReadWithin(string header)
    {
        // A front-end that loops forever on bad input must fail the test, not hang the run.
        var read = Task.Run(() => headers.Read(header));
        if (!read.Wait(HungWorkLimit.InProcess))
            throw HungWorkLimit.TimedOut($"reading {header}", HungWorkLimit.InProcess);
        return read.Result;
    }

    private void AssertDiagnostic(HeaderModel model, string id, string file, int line, int? column, DiagnosticSeverity severity = DiagnosticSeverity.Error)
    {
        var all = string.Join("\n  ", model.Diagnostics);
        var path = headers.PathOf(file);
        Assert.True(model.Diagnostics.Any(d => d.Id == id && d.Severity == severity && Path.GetFullPath(d.Location.File) == path
                && d.Location.Line == line && (column is null || d.Location.Column == column)),
            $"expected {severity} {id} at {path}:{line}:{column?.ToString() ?? "*"}; got:\n  {all}");
    }

    [Fact]
    public void An_asm_label_without_a_string_is_reported_at_the_operand()
    {
        headers.Write("asm-label.h", "extern int f(void) __asm__ (42);\nstruct after { int x; };\n");
        var model = ReadWithin("asm-label.h");
        AssertDiagnostic(model, DiagnosticIds.Syntax, "asm-label.h", 1, 29);
        Assert.Contains("expected a string literal in the asm label", string.Join("\n", model.Diagnostics));
        Assert.Contains(model.Records, r => r.Tag == "after");
    }

    [Fact]
    public void Unterminated_if_is_reported_at_the_if()
    {
        headers.Write("unterminated.h", "struct a { int x; };\n#if 1\nstruct b { int y; };\n");
        var model = ReadWithin("unterminated.h");
        AssertDiagnostic(model, DiagnosticIds.Directive, "unterminated.h", 2, 2);
        Assert.Contains(model.Records, r => r.Tag == "a");
    }

    [Fact]
    public void Stray_token_is_reported_and_reading_resumes_after_it()
    {
        // clang skips to the next ';' after the stray ')', and so must the front-end.
        headers.Write("stray.h", "struct s { int a; };\n  ) ;\nstruct t { int b; };\n");
        var model = ReadWithin("stray.h");
        AssertDiagnostic(model, DiagnosticIds.Syntax, "stray.h", 2, 3);
        Assert.Contains(model.Records, r => r.Tag == "s");
        Assert.Contains(model.Records, r => r.Tag == "t");
    }

    [Fact]
    public void Unknown_type_name_is_reported_at_the_name()
    {
        headers.Write("unknown.h", "struct s {\n\tfoo_t x;\n};\nstruct ok { int y; };\n");
        var model = ReadWithin("unknown.h");
        AssertDiagnostic(model, DiagnosticIds.Syntax, "unknown.h", 2, 2);
        Assert.Contains(model.Records, r => r.Tag == "ok");
    }

    [Fact]
    public void Unbalanced_brace_is_reported_at_the_end_of_the_file_naming_the_brace()
    {
        // As clang: "expected '}'" where the file ends, pointing back to the '{' never closed.
        headers.Write("unbalanced.h", "struct s {\n\tint a;\n");
        var model = ReadWithin("unbalanced.h");
        AssertDiagnostic(model, DiagnosticIds.Syntax, "unbalanced.h", 3, 1);
        Assert.Contains(model.Diagnostics, d => d.Message.Contains($"{headers.PathOf("unbalanced.h")}:1:10", StringComparison.Ordinal));
    }

    [Fact]
    public void Include_cycle_is_reported_at_the_include_that_closes_it()
    {
        headers.Write("a.h", "#include \"b.h\"\nstruct from_a { int x; };\n");
        headers.Write("b.h", "#include \"a.h\"\nstruct from_b { int y; };\n");
        var model = ReadWithin("a.h");
        AssertDiagnostic(model, DiagnosticIds.Include, "b.h", 1, 10);
        Assert.Contains(model.Records, r => r.Tag == "from_a");
        Assert.Contains(model.Records, r => r.Tag == "from_b");
    }

    [Fact]
    public void Missing_include_is_reported_at_the_file_name()
    {
        headers.Write("missing.h", "struct before { int x; };\n#include <nope/missing.h>\nstruct after { int y; };\n");
        var model = ReadWithin("missing.h");
        AssertDiagnostic(model, DiagnosticIds.Include, "missing.h", 2, 10);
        Assert.Contains(model.Records, r => r.Tag == "after");
    }

    [Fact]
    public void Runaway_macro_expansion_is_stopped_at_the_use()
    {
        // E40 expands to 2^40 copies of (1): the front-end must give up with a diagnostic, not the machine.
        var text = new StringBuilder("#define E0 (1)\n");
        for (var i = 1; i <= 40; i++)
            text.Append($"#define E{i} (E{i - 1} + E{i - 1})\n");
        text.Append("struct s { char a[E40]; };\n");
        headers.Write("runaway.h", text.ToString());
        var model = ReadWithin("runaway.h");
        AssertDiagnostic(model, DiagnosticIds.MacroExpansion, "runaway.h", 42, 19);
        Assert.DoesNotContain(model.Constants, c => c.Name == "E40");
    }

    [Fact]
    public void Error_directive_is_reported_with_its_text_and_reading_goes_on()
    {
        headers.Write("error.h", "struct before { int x; };\n#error this header is not for you\nstruct after { int y; };\n");
        var model = ReadWithin("error.h");
        AssertDiagnostic(model, DiagnosticIds.ErrorDirective, "error.h", 2, 2);
        Assert.Contains(model.Diagnostics, d => d.Message.Contains("this header is not for you", StringComparison.Ordinal));
        Assert.Contains(model.Records, r => r.Tag == "after");
    }

    [Fact]
    public void Warning_directive_is_a_warning()
    {
        headers.Write("warning.h", "struct before { int x; };\n#warning look here\n");
        var model = ReadWithin("warning.h");
        AssertDiagnostic(model, DiagnosticIds.WarningDirective, "warning.h", 2, 2, DiagnosticSeverity.Warning);
        Assert.DoesNotContain(model.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void Bad_if_expression_is_reported_on_its_line()
    {
        headers.Write("badif.h", "#define A 1\n#if A +\n#define B 1\n#endif\nstruct after { int y; };\n");
        var model = ReadWithin("badif.h");
        AssertDiagnostic(model, DiagnosticIds.ConditionalExpression, "badif.h", 2, null);
        Assert.Contains(model.Records, r => r.Tag == "after");
    }

    [Fact]
    public void Requested_header_not_found()
    {
        var model = ReadWithin("absent.h");
        Assert.Contains(model.Diagnostics, d => d.Id == DiagnosticIds.HeaderNotFound && d.Severity == DiagnosticSeverity.Error);
    }
}
