using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KvmSharp.TestSupport.GeneratorInputs;

/// <summary>MSBuild properties as the compiler sees them (<c>build_property.X</c>).</summary>
internal sealed class BuildProperties : AnalyzerConfigOptionsProvider
{
    private readonly Options global;

    public BuildProperties(IReadOnlyDictionary<string, string> properties)
        => global = new Options(properties.ToDictionary(p => "build_property." + p.Key, p => p.Value));

    public override AnalyzerConfigOptions GlobalOptions => global;

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

    private sealed class Options : AnalyzerConfigOptions
    {
        private readonly Dictionary<string, string> values;

        public Options(Dictionary<string, string> values) => this.values = values;

        public static Options Empty { get; } = new(new Dictionary<string, string>());

        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
    }
}
