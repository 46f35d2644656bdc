using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using KvmSharp.Analyzers.Guards;
using KvmSharp.Analyzers.Rules;
using KvmSharp.Generator.Emission;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace KvmSharp.Analyzers;

/// <summary>
/// KVM0009: a call that needs a capability (an ioctl the header marks "available with KVM_CAP_X", or
/// <c>EnableCap(X)</c>) that is not dominated by a successful check of it.
/// </summary>
/// <remarks>
/// Lambdas and local functions are judged too, with what is known where they are created or called
/// (<see cref="GuardedCalls"/>).
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CapabilityGuardAnalyzer : DiagnosticAnalyzer
{
    private static readonly HashSet<string> CheckableHandles = new(GeneratedNames.CheckableHandles);

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(KvmDiagnostics.UnguardedCapability);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = new ConcurrentDictionary<INamespaceSymbol, KvmSymbols>(SymbolEqualityComparer.Default);
            start.RegisterOperationBlockAction(block => Analyze(block, symbols));
        });
    }

    private static void Analyze(OperationBlockAnalysisContext context, ConcurrentDictionary<INamespaceSymbol, KvmSymbols> cache)
    {
        foreach (var root in context.OperationBlocks)
        {
            if (!NeedsGuard(root))
                continue;
            foreach (var call in GuardedCalls.In(context.GetControlFlowGraph(root)))
            {
                var invocation = call.Key;
                if (CapabilityRequirement.BindingsNamespace(invocation) is not { } ns)
                    continue;
                var symbols = cache.GetOrAdd(ns, n => KvmSymbols.For(n));
                if (CapabilityRequirement.Of(invocation, symbols) is not { } requirement || requirement.AnyOf.Any(c => call.Value.Contains(c.Value)))
                    continue;
                var names = string.Join(" or ", requirement.AnyOf.Select(c => c.Name));
                context.ReportDiagnostic(Diagnostic.Create(KvmDiagnostics.UnguardedCapability, invocation.Syntax.GetLocation(),
                    FixProperties(invocation, requirement, symbols), requirement.What, names));
            }
        }
    }

    /// <summary>A cheap look before the graph is built: does the block call any typed ioctl method at all?</summary>
    private static bool NeedsGuard(IOperation root)
        => root.Descendants().OfType<IInvocationOperation>().Any(i => CapabilityRequirement.BindingsNamespace(i) is not null);

    /// <summary>What the fix writes: a handle in scope to ask (the call's own when it can), and the capability.</summary>
    private static ImmutableDictionary<string, string?> FixProperties(IInvocationOperation invocation, CapabilityRequirement requirement, KvmSymbols symbols)
    {
        var (name, value) = requirement.AnyOf[0];
        var member = symbols.CapabilityMember(value);
        if (member is null)
            return ImmutableDictionary<string, string?>.Empty;
        var capability = member.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + member.Name;
        var receiver = ReceiverText(invocation);
        return receiver is null ? ImmutableDictionary<string, string?>.Empty : Fix.Guard(receiver, capability);
    }

    private static string? ReceiverText(IInvocationOperation invocation)
    {
        var first = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0)?.Value;
        if (first is ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation }
            && CheckableHandles.Contains(first.Type?.Name ?? ""))
            return first.Syntax.ToString();
        // A vCPU cannot be asked; a VM or /dev/kvm in scope can.
        var model = invocation.SemanticModel;
        if (model is null)
            return null;
        var inScope = model.LookupSymbols(invocation.Syntax.SpanStart)
            .FirstOrDefault(s => s is ILocalSymbol l && CheckableHandles.Contains(l.Type.Name) || s is IParameterSymbol p && CheckableHandles.Contains(p.Type.Name));
        return inScope?.Name;
    }
}
