using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using KvmSharp.Generator.ContractFormat;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace KvmSharp.Analyzers.Contracts;

/// <summary>The user's contracts: every AdditionalFile whose name ends in <c>.kvmcontracts</c>.</summary>
internal static class ContractFiles
{
    public const string Extension = ".kvmcontracts";

    public static List<CapabilityContract> Read(ImmutableArray<AdditionalText> files, List<Diagnostic> problems, CancellationToken cancellationToken)
    {
        var contracts = new List<CapabilityContract>();
        foreach (var file in files)
        {
            if (!file.Path.EndsWith(Extension, StringComparison.OrdinalIgnoreCase) || file.GetText(cancellationToken) is not { } text)
                continue;
            var found = new List<ContractTextParser.Problem>();
            contracts.AddRange(ContractTextParser.Parse(text.ToString(), file.Path, found));
            foreach (var problem in found)
            {
                var line = text.Lines[Math.Min(problem.Line - 1, text.Lines.Count - 1)];
                var location = Location.Create(file.Path, line.Span, text.Lines.GetLinePositionSpan(line.Span));
                problems.Add(Diagnostic.Create(KvmDiagnostics.BadContractFile, location, problem.Message));
            }
        }
        return contracts;
    }
}
