using System;
using System.Collections.Generic;
using System.Linq;
using KvmSharp.Analyzers.Calls;
using KvmSharp.Analyzers.Contracts;
using KvmSharp.Generator.ContractFormat;
using Microsoft.CodeAnalysis;

namespace KvmSharp.Analyzers.Rules;

/// <summary>
/// Follows the memslots one method registers, locks, unlocks and deletes, in source order, for the rules that
/// depend on what happened before: a write lock of a memslot registered read-only or dirty-logged (KVM0006), and
/// the deletion of a memslot still locked (KVM0007).
/// </summary>
/// <remarks>
/// Source order stands for execution order; branches are not told apart. Whenever a step is not known (a
/// memslot that is not a constant, an unlock whose arguments are not), what could have changed is forgotten, so
/// the rules lean towards silence.
/// </remarks>
internal sealed class MemslotSequenceChecker
{
    private readonly Dictionary<ulong, ulong> registeredFlags = new();
    private readonly Dictionary<ulong, string> lockedBy = new();
    private readonly Action<Diagnostic> report;

    public MemslotSequenceChecker(Action<Diagnostic> report) => this.report = report;

    public void OnMemoryRegion(MemoryRegionCall call)
    {
        if (call.Slot.Value is not { } slot)
        {
            registeredFlags.Clear();
            return;
        }
        if (call.MemorySize.Value == 0)
        {
            if (lockedBy.TryGetValue(slot, out var capability))
                report(Diagnostic.Create(KvmDiagnostics.DeleteOfLockedSlot, call.MemorySize.Location, slot, capability));
            registeredFlags.Remove(slot);
            return;
        }
        if (call.Flags.Value is { } flags)
            registeredFlags[slot] = flags;
        else
            registeredFlags.Remove(slot);
    }

    public void OnEnableCap(EnableCapCall call, ResolvedContract contract)
    {
        if (contract.Source.MemslotArgument is not { } slotArgument)
            return;
        var action = ContractChecker.ActionOf(call, contract);
        var slot = call.Args[slotArgument].Value;
        if (action is null)
        {
            // Unknown flags could have unlocked anything.
            if (call.Flags.Value is null)
                lockedBy.Clear();
            return;
        }
        if (action.Source.UnlocksMemslot)
            Unlock(call, action, slot);
        if (action.Source.LocksMemslot && slot is { } locked)
        {
            CheckConflicts(call, action, locked);
            lockedBy[locked] = contract.Capability;
        }
    }

    private void Unlock(EnableCapCall call, ResolvedAction action, ulong? slot)
    {
        if (action.AllMemslotsWith is { } all)
        {
            var bits = call.Args[all.Argument].Value;
            if (bits is null || (bits.Value & all.Bit) != 0)
            {
                lockedBy.Clear();
                return;
            }
        }
        if (slot is { } known)
            lockedBy.Remove(known);
        else
            lockedBy.Clear();
    }

    private void CheckConflicts(EnableCapCall call, ResolvedAction action, ulong slot)
    {
        if (!registeredFlags.TryGetValue(slot, out var flags))
            return;
        foreach (var (argument, bit, memslotFlags) in action.MemslotConflicts)
        {
            var operand = call.Args[argument];
            if (operand.Value is not { } value || (value & bit.Value) == 0)
                continue;
            var present = memslotFlags.Where(f => (flags & f.Value) != 0).Select(f => f.Name).ToList();
            if (present.Count > 0)
                report(Diagnostic.Create(KvmDiagnostics.WriteLockOfProtectedSlot, operand.Location, slot, string.Join(" | ", present), action.Name, bit.Name));
        }
    }
}
