using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace KvmSharp.Analyzers.Guards;

/// <summary>
/// Which capabilities are known present on entry to each basic block: a forward "must" analysis over the
/// control flow graph, as CA1416 does for platforms. A capability is known at a block when every path to it
/// went through the branch of a guard that says it is present; so the block after
/// <c>if (kvm.CheckExtension(X) == 0) return;</c> knows X, and so does the body of <c>if (... != 0)</c>.
/// </summary>
internal static class GuardFlow
{
    /// <param name="cfg">The graph of a method body, lambda or local function.</param>
    /// <param name="onEntry">What is known when the graph is entered: nothing for a method, more for a lambda created after a check.</param>
    public static ImmutableHashSet<ulong>?[] KnownOnEntry(ControlFlowGraph cfg, ImmutableHashSet<ulong> onEntry)
    {
        var blocks = cfg.Blocks;
        // null stands for "not reached yet": the top of the lattice, the identity of intersection.
        var known = new ImmutableHashSet<ulong>?[blocks.Length];
        known[0] = onEntry;
        var work = new Queue<BasicBlock>();
        work.Enqueue(blocks[0]);
        while (work.Count > 0)
        {
            var block = work.Dequeue();
            var entry = known[block.Ordinal]!;
            var fact = block.BranchValue is { } condition && block.ConditionKind != ControlFlowConditionKind.None
                ? GuardConditions.Of(condition)
                : null;
            Flow(block.FallThroughSuccessor, conditional: false);
            Flow(block.ConditionalSuccessor, conditional: true);

            void Flow(ControlFlowBranch? branch, bool conditional)
            {
                if (branch?.Destination is not { } destination)
                    return;
                var facts = entry;
                if (fact is { } f)
                {
                    // The conditional successor is taken when the condition equals ConditionKind.
                    var value = conditional == (block.ConditionKind == ControlFlowConditionKind.WhenTrue);
                    if (value == f.WhenTrue)
                        facts = facts.Add(f.Capability);
                }
                var old = known[destination.Ordinal];
                var merged = old is null ? facts : old.Intersect(facts);
                if (old is null || merged.Count != old.Count)
                {
                    known[destination.Ordinal] = merged;
                    work.Enqueue(destination);
                }
            }
        }
        // Catch and finally handlers are entered by exceptions, not by branches: nothing is known there.
        for (var i = 0; i < blocks.Length; i++)
        {
            if (known[i] is null && blocks[i].IsReachable)
                known[i] = ImmutableHashSet<ulong>.Empty;
        }
        return known;
    }
}
