using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace KvmSharp.Analyzers.Guards;

/// <summary>
/// Every call in a method body, its lambdas and its local functions, with the capabilities known present
/// when it runs. A lambda starts with what was known where it was created: capabilities do not go away,
/// and a check made before the lambda exists holds whenever it runs. A local function starts with what is
/// known at every place that calls it or turns it into a delegate; it is analysed again whenever a newly
/// found place knows less, until nothing changes (the sets only shrink, so this ends).
/// </summary>
internal sealed class GuardedCalls
{
    private readonly Dictionary<IInvocationOperation, ImmutableHashSet<ulong>> calls = new();
    private readonly Dictionary<IMethodSymbol, ImmutableHashSet<ulong>> knownAtUses = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<IMethodSymbol, ControlFlowGraph> localFunctions = new(SymbolEqualityComparer.Default);

    private GuardedCalls()
    {
    }

    public static IReadOnlyDictionary<IInvocationOperation, ImmutableHashSet<ulong>> In(ControlFlowGraph body)
    {
        var walk = new GuardedCalls();
        walk.Graph(body, ImmutableHashSet<ulong>.Empty);
        var analysedWith = new Dictionary<IMethodSymbol, ImmutableHashSet<ulong>>(SymbolEqualityComparer.Default);
        bool changed;
        do
        {
            changed = false;
            foreach (var pair in new List<KeyValuePair<IMethodSymbol, ControlFlowGraph>>(walk.localFunctions))
            {
                // Never called nor referenced: nothing is known, and its calls are judged as such.
                var entry = walk.knownAtUses.TryGetValue(pair.Key, out var known) ? known : ImmutableHashSet<ulong>.Empty;
                if (analysedWith.TryGetValue(pair.Key, out var previous) && previous.SetEquals(entry))
                    continue;
                analysedWith[pair.Key] = entry;
                walk.Graph(pair.Value, entry);
                changed = true;
            }
        }
        while (changed);
        return walk.calls;
    }

    private void Graph(ControlFlowGraph cfg, ImmutableHashSet<ulong> onEntry)
    {
        foreach (var local in cfg.LocalFunctions)
        {
            if (!localFunctions.ContainsKey(local))
                localFunctions[local] = cfg.GetLocalFunctionControlFlowGraph(local);
        }
        var known = GuardFlow.KnownOnEntry(cfg, onEntry);
        foreach (var block in cfg.Blocks)
        {
            if (known[block.Ordinal] is not { } facts)
                continue;
            var operations = block.BranchValue is null ? block.Operations : block.Operations.Add(block.BranchValue);
            foreach (var operation in operations)
                Operation(cfg, operation, facts);
        }
    }

    private void Operation(ControlFlowGraph cfg, IOperation root, ImmutableHashSet<ulong> facts)
    {
        var stack = new Stack<IOperation>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var operation = stack.Pop();
            switch (operation)
            {
                case IFlowAnonymousFunctionOperation lambda:
                    Graph(cfg.GetAnonymousFunctionControlFlowGraph(lambda), facts);
                    continue;
                case IInvocationOperation invocation:
                    calls[invocation] = facts;
                    UseOf(invocation.TargetMethod, facts);
                    break;
                case IMethodReferenceOperation reference:
                    UseOf(reference.Method, facts);
                    break;
            }
            foreach (var child in operation.ChildOperations)
                stack.Push(child);
        }
    }

    private void UseOf(IMethodSymbol method, ImmutableHashSet<ulong> facts)
    {
        if (method.MethodKind != MethodKind.LocalFunction)
            return;
        var local = method.OriginalDefinition;
        knownAtUses[local] = knownAtUses.TryGetValue(local, out var known) ? known.Intersect(facts) : facts;
    }
}
