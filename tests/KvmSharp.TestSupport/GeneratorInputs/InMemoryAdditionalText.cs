using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

// Shared by the benchmarks and the tests (KvmSharp.TestSupport): both run the generator as the compiler does.
namespace KvmSharp.TestSupport.GeneratorInputs;

/// <summary>An AdditionalFile (a header, a contract file) as MSBuild would hand it to the compiler.</summary>
internal sealed class InMemoryAdditionalText : AdditionalText
{
    private readonly SourceText text;

    public InMemoryAdditionalText(string path, string text)
    {
        Path = path;
        this.text = SourceText.From(text);
    }

    public override string Path { get; }

    public override SourceText GetText(CancellationToken cancellationToken = default) => text;
}
