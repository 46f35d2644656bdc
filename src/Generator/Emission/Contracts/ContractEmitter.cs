using KvmSharp.Generator.ContractFormat;
using KvmSharp.Generator.Model;

namespace KvmSharp.Generator.Emission.Contracts;

/// <summary>
/// Attaches capability contracts to the generated code, for the analyzers to read from the symbols:
/// <c>KvmCapabilityContracts</c> holds one field per contract, with the contract text as
/// <c>[KvmCapabilityContract]</c> data. A contract is emitted only when the header defines every name it uses
/// (an unpatched header has no <c>KVM_CAP_ARM_LOCK_USER_MEMORY_REGION</c>, and gets no rule about it), so the
/// same analyzer serves every header.
/// </summary>
internal static class ContractEmitter
{
    public const string HintName = "KvmCapabilityContracts.g.cs";

    public static IEnumerable<GeneratedSource> Emit(HeaderModel model, EmitOptions options)
    {
        var names = new HashSet<string>(model.Constants.Select(c => c.Name), StringComparer.Ordinal);
        var parents = new HashSet<string>(model.Constants.Where(c => c.Parent is not null).Select(c => c.Parent!), StringComparer.Ordinal);
        var w = new IndentedWriter();
        SupportFile.Header(w);
        using (w.Open($"namespace {options.Namespace}"))
        {
            ContractSupportTypes.Write(w, options);
            w.Line();
            w.Summary("The capability contracts that apply to this header, for KvmSharp's analyzers: each field's\n[KvmCapabilityContract] holds one, in the line format of docs/diagnostics/capability-contracts.md.");
            using (w.Open($"{options.Accessibility} static partial class {GeneratedNames.CapabilityContracts}"))
            {
                foreach (var text in ContractBuiltIns.Texts.Where(t => Applies(t, names, parents)))
                {
                    var capability = Read(text)!.Capability;
                    w.Line($"/// <summary>The contract of <c>{capability}</c>.</summary>");
                    w.Line($"[{GeneratedNames.Short(GeneratedNames.CapabilityContractAttribute)}({Literal(text)})]");
                    w.Line($"public const string {capability} = \"{capability}\";");
                    w.Line();
                }
            }
        }
        return new[] { new GeneratedSource(HintName, w.ToString()) };
    }

    /// <summary>
    /// Whether the header defines every macro the contract names, and has the sub-flags it refers to. The text is
    /// read by the analyzers' reader (<see cref="ContractTextParser"/>), so the two agree on what a contract names.
    /// </summary>
    internal static bool Applies(string text, ISet<string> names, ISet<string> parents)
        => Read(text) is { } contract && contract.Names().All(names.Contains) && contract.SubFlagParents().All(parents.Contains);

    /// <summary>
    /// The one contract of a built-in text; null when it does not read cleanly, which the built-ins' test rules out
    /// (a generator must not throw in the user's build, so a broken one is left out rather than thrown).
    /// </summary>
    internal static CapabilityContract? Read(string text)
    {
        var problems = new List<ContractTextParser.Problem>();
        var contracts = ContractTextParser.Parse(text, "built-in", problems);
        return problems.Count == 0 && contracts.Count == 1 ? contracts[0] : null;
    }

    /// <summary>A C# regular string literal: the text has newlines and quotes.</summary>
    private static string Literal(string text)
        => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\r", "").Replace("\n", "\\n") + "\"";
}
