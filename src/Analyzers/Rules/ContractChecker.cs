using System;
using System.Collections.Immutable;
using System.Linq;
using KvmSharp.Analyzers.Calls;
using KvmSharp.Analyzers.Contracts;
using KvmSharp.Generator.ContractFormat;
using Microsoft.CodeAnalysis;

namespace KvmSharp.Analyzers.Rules;

/// <summary>
/// Checks one <c>KVM_ENABLE_CAP</c> call against its capability's contract: the flags (KVM0004, KVM0008), the
/// reserved args (KVM0003), and each argument's bits (KVM0001, KVM0002, KVM0005, KVM0010). A value that is not
/// a compile-time constant is never judged.
/// </summary>
internal sealed class ContractChecker
{
    private readonly KvmSymbols symbols;
    private readonly Action<Diagnostic> report;

    public ContractChecker(KvmSymbols symbols, Action<Diagnostic> report)
    {
        this.symbols = symbols;
        this.report = report;
    }

    /// <summary>The action the call's flags select, or null (no actions, unknown or invalid flags).</summary>
    public static ResolvedAction? ActionOf(EnableCapCall call, ResolvedContract contract)
        => call.Flags.Value is { } flags ? contract.Actions.FirstOrDefault(a => a.Value == flags) : null;

    public void Check(EnableCapCall call, ResolvedContract contract)
    {
        var action = ActionOf(call, contract);
        CheckFlags(call, contract, action);
        var context = action is null ? "" : " with " + action.Name;
        for (var i = 0; i < 4; i++)
        {
            var arg = call.Args[i];
            if (arg.Value is not { } value || contract.Argument(action, i) is not { } rule)
                continue;
            if (rule.Reserved)
            {
                if (value != 0)
                    Report(KvmDiagnostics.ReservedArgumentNotZero, arg, Fix.Zero(arg), i, contract.Capability);
                continue;
            }
            // Bits make sense only once the action is known: each action defines its own.
            if (contract.Source.Flags == FlagsMeaning.Actions && action is null)
                continue;
            foreach (var required in rule.Requires.Where(r => (value & r.Value) != r.Value))
                Report(KvmDiagnostics.MissingMandatoryBit, arg, Fix.AddBit(arg, i, symbols.Expression(required.Name)), i, contract.Capability, action?.Name ?? "any flags", required.Name);
            foreach (var forbidden in rule.Forbids.Where(f => (value & f.Value) != 0))
                Report(KvmDiagnostics.ForbiddenBit, arg, ImmutableDictionary<string, string?>.Empty, i, contract.Capability, context, forbidden.Name);
            if (rule.DefinesBits && (value & ~rule.DefinedMask) is var undefined and not 0)
                Report(KvmDiagnostics.UndefinedBits, arg, ImmutableDictionary<string, string?>.Empty, i, contract.Capability, context, undefined);
            if (action is not null)
                CheckForeignNames(contract, action, rule, arg, i);
        }
    }

    private void CheckFlags(EnableCapCall call, ResolvedContract contract, ResolvedAction? action)
    {
        if (call.Flags.Value is not { } flags)
            return;
        if (contract.Source.Flags == FlagsMeaning.None && flags != 0)
            Report(KvmDiagnostics.FlagsNotDefined, call.Flags, Fix.Zero(call.Flags), contract.Capability, flags);
        else if (contract.Source.Flags == FlagsMeaning.Actions && action is null)
            Report(KvmDiagnostics.NotOneAction, call.Flags, ImmutableDictionary<string, string?>.Empty, contract.Capability, contract.ActionNames, flags);
    }

    /// <summary>KVM0002: a macro that another action defines for this argument, and this one does not.</summary>
    private void CheckForeignNames(ResolvedContract contract, ResolvedAction action, ResolvedArgument rule, Operand arg, int index)
    {
        foreach (var use in arg.Names)
        {
            if (rule.Defines(use.CName))
                continue;
            var owner = contract.Actions.FirstOrDefault(a => a != action && contract.Argument(a, index)?.Defines(use.CName) == true);
            if (owner is null || !symbols.TryValue(use.CName, out var value))
                continue;
            var twin = rule.Bits.FirstOrDefault(b => b.Value == value);
            var tail = twin.Name is null ? "" : $": it has the value of {twin.Name}, so the call works by accident and says something else";
            var fix = ImmutableDictionary<string, string?>.Empty;
            if (twin.Name is not null)
            {
                var preferred = use.Reference.Field.ContainingType.TypeKind == TypeKind.Enum ? symbols.EnumMember(twin.Name)?.ContainingType : null;
                fix = Fix.Replace(symbols.Expression(twin.Name, preferred));
            }
            report(Diagnostic.Create(KvmDiagnostics.FlagOfOtherAction, use.Reference.Syntax.GetLocation(), fix, use.CName, owner.Name, action.Name, tail));
        }
    }

    private void Report(DiagnosticDescriptor descriptor, Operand operand, ImmutableDictionary<string, string?> properties, params object[] args)
        => report(Diagnostic.Create(descriptor, operand.Location, properties, args));
}
