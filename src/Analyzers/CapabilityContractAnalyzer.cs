using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using KvmSharp.Analyzers.Calls;
using KvmSharp.Analyzers.Contracts;
using KvmSharp.Analyzers.Rules;
using KvmSharp.Generator.ContractFormat;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace KvmSharp.Analyzers;

/// <summary>
/// Checks <c>KVM_ENABLE_CAP</c> calls against capability contracts, and the memslot calls around them. The
/// contracts come from the generated bindings the call is made with, so one analyzer serves every header.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CapabilityContractAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        KvmDiagnostics.MissingMandatoryBit, KvmDiagnostics.FlagOfOtherAction, KvmDiagnostics.ReservedArgumentNotZero,
        KvmDiagnostics.NotOneAction, KvmDiagnostics.UndefinedBits, KvmDiagnostics.WriteLockOfProtectedSlot,
        KvmDiagnostics.DeleteOfLockedSlot, KvmDiagnostics.FlagsNotDefined, KvmDiagnostics.ForbiddenBit,
        KvmDiagnostics.BadContractFile);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterAdditionalFileAction(ReportContractFileProblems);
        context.RegisterCompilationStartAction(start =>
        {
            var userContracts = ContractFiles.Read(start.Options.AdditionalFiles, new List<Diagnostic>(), start.CancellationToken);
            var catalogs = new ConcurrentDictionary<INamespaceSymbol, ContractCatalog>(SymbolEqualityComparer.Default);
            start.RegisterOperationBlockAction(block => AnalyzeBlock(block, catalogs, userContracts));
        });
    }

    private static void ReportContractFileProblems(AdditionalFileAnalysisContext context)
    {
        var problems = new List<Diagnostic>();
        ContractFiles.Read(ImmutableArray.Create(context.AdditionalFile), problems, context.CancellationToken);
        foreach (var problem in problems)
            context.ReportDiagnostic(problem);
    }

    private static void AnalyzeBlock(OperationBlockAnalysisContext context, ConcurrentDictionary<INamespaceSymbol, ContractCatalog> catalogs, List<CapabilityContract> userContracts)
    {
        var invocations = context.OperationBlocks
            .SelectMany(b => b.DescendantsAndSelf())
            .OfType<IInvocationOperation>()
            .Select(i => (Invocation: i, Bindings: KvmCallReader.BindingsType(i)))
            .Where(p => p.Bindings is not null)
            .OrderBy(p => p.Invocation.Syntax.SpanStart)
            .ToList();
        if (invocations.Count == 0)
            return;
        var sequences = new Dictionary<ContractCatalog, MemslotSequenceChecker>();
        foreach (var (invocation, bindings) in invocations)
        {
            var catalog = catalogs.GetOrAdd(bindings!.ContainingNamespace, _ => new ContractCatalog(KvmSymbols.For(bindings), userContracts));
            foreach (var problem in catalog.TakeProblems())
                context.ReportDiagnostic(problem);
            if (!sequences.TryGetValue(catalog, out var sequence))
                sequences[catalog] = sequence = new MemslotSequenceChecker(context.ReportDiagnostic);
            if (KvmCallReader.EnableCap(invocation, catalog.Symbols) is { } call)
            {
                if (catalog.For(call) is not { } contract)
                    continue;
                new ContractChecker(catalog.Symbols, context.ReportDiagnostic).Check(call, contract);
                sequence.OnEnableCap(call, contract);
            }
            else if (KvmCallReader.MemoryRegion(invocation, catalog.Symbols) is { } region)
            {
                sequence.OnMemoryRegion(region);
            }
        }
    }
}
