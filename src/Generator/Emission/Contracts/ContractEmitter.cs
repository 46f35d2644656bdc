using System.Text.RegularExpressions;
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

    private static readonly Regex MacroName = new("^[A-Z_][A-Z0-9_]*$", RegexOptions.CultureInvariant);

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
            using (w.Open($"{options.Accessibility} static partial class KvmCapabilityContracts"))
            {
                foreach (var text in ContractBuiltIns.Texts.Where(t => Applies(t, names, parents)))
                {
                    var capability = Capability(text);
                    w.Line($"/// <summary>The contract of <c>{capability}</c>.</summary>");
                    w.Line($"[KvmCapabilityContract({Literal(text)})]");
                    w.Line($"public const string {capability} = \"{capability}\";");
                    w.Line();
                }
            }
        }
        return new[] { new GeneratedSource(HintName, w.ToString()) };
    }

    /// <summary>Whether the header defines every macro the contract names, and has the sub-flags it refers to.</summary>
    internal static bool Applies(string text, ISet<string> names, ISet<string> parents)
    {
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Split('#')[0];
            var words = line.Split(new[] { ' ', '\t', '\r' }, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0 || words[0] == "cite")
                continue;
            for (var i = 0; i < words.Length; i++)
            {
                if (!MacroName.IsMatch(words[i]))
                    continue;
                if (!names.Contains(words[i]))
                    return false;
                if (i > 0 && words[i - 1] == "subflags-of" && !parents.Contains(words[i]))
                    return false;
            }
        }
        return true;
    }

    private static string Capability(string text)
        => text.Split('\n').Select(l => l.Trim().Split(' ')).First(w => w.Length == 2 && w[0] == "capability")[1];

    /// <summary>A C# regular string literal: the text has newlines and quotes.</summary>
    private static string Literal(string text)
        => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\r", "").Replace("\n", "\\n") + "\"";
}
