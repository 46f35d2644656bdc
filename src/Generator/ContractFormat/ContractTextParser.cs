using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using KvmSharp.Generator.Diagnostics;

namespace KvmSharp.Generator.ContractFormat;

/// <summary>
/// Reads the capability contract line format (docs/diagnostics/capability-contracts.md): one directive a
/// line, words separated by blanks, <c>#</c> to the end of the line is a comment. A <c>capability</c> line
/// starts a contract; <c>action</c> starts an action of it, and <c>arg</c> lines after it belong to that action.
/// </summary>
/// <remarks>
/// Hand-written rather than JSON because an analyzer must not carry System.Text.Json, and because the built-in
/// contracts travel as attribute strings in generated code, where one line per rule stays readable.
/// </remarks>
internal static class ContractTextParser
{
    /// <summary>A problem in contract text, with its 1-based line.</summary>
    public readonly struct Problem
    {
        public Problem(int line, string message)
        {
            Line = line;
            Message = message;
        }

        public int Line { get; }

        public string Message { get; }
    }

    public static List<CapabilityContract> Parse(string text, string origin, List<Problem> problems)
    {
        var contracts = new List<CapabilityContract>();
        CapabilityContract? contract = null;
        ContractAction? action = null;
        foreach (var (lineNumber, words) in ContractLines.Read(text))
        {
            // "ioctl KVM_X on vm" places an ioctl's methods: the generator reads those lines (KVMG0005 for bad ones).
            if (words[0] == ContractLines.IoctlDirective)
                continue;
            if (words[0] == "capability")
            {
                if (words.Length != 2 || !IsMacro(words[1]))
                {
                    problems.Add(new Problem(lineNumber, "'capability' takes one KVM_CAP_* macro name"));
                    contract = null;
                    continue;
                }
                contract = new CapabilityContract(words[1], origin + ":" + lineNumber);
                action = null;
                contracts.Add(contract);
                continue;
            }
            if (contract is null)
            {
                problems.Add(new Problem(lineNumber, $"'{words[0]}' before any 'capability' line"));
                continue;
            }
            var error = Directive(contract, ref action, words);
            if (error is not null)
                problems.Add(new Problem(lineNumber, error));
        }
        return contracts;
    }

    /// <summary>Applies one directive; returns an error message or null.</summary>
    private static string? Directive(CapabilityContract contract, ref ContractAction? action, string[] w)
    {
        switch (w[0])
        {
            case "cite":
                contract.Citations.Add(string.Join(" ", w.Skip(1)));
                return null;
            case "flags" when w.Length == 2 && w[1] == "none":
                contract.Flags = FlagsMeaning.None;
                return null;
            case "flags" when w.Length == 2 && w[1] == "actions":
                contract.Flags = FlagsMeaning.Actions;
                return null;
            case "flags" when w.Length == 2:
                return $"'flags' takes 'none' or 'actions', not '{w[1]}'" + NearestName.Suggestion(w[1], FlagsMeanings);
            case "memslot-arg" when w.Length == 2 && Index(w[1]) is { } slot:
                contract.MemslotArgument = slot;
                return null;
            case "action" when w.Length == 2 && IsMacro(w[1]):
                action = new ContractAction(w[1]);
                contract.Actions.Add(action);
                contract.Flags = FlagsMeaning.Actions;
                return null;
            case "arg":
                return Argument(action?.Arguments ?? contract.Arguments, w);
            case "locks-memslot" when action is not null && w.Length == 1:
                action.LocksMemslot = true;
                return null;
            case "unlocks-memslot" when action is not null && w.Length == 1:
                action.UnlocksMemslot = true;
                return null;
            case "all-memslots-with" when action is not null && w.Length == 4 && w[1] == "arg" && Index(w[2]) is { } all && IsMacro(w[3]):
                action.AllMemslotsWith = (all, w[3]);
                return null;
            case "memslot-conflict" when action is not null && w.Length >= 6 && w[1] == "arg" && Index(w[2]) is { } arg && IsMacro(w[3]) && w[4] == "with" && w.Skip(5).All(IsMacro):
                action.MemslotConflicts.Add(new MemslotConflict(arg, w[3], w.Skip(5).ToArray()));
                return null;
            default:
                return $"cannot read '{string.Join(" ", w)}'" + NearestName.Suggestion(w[0], Directives);
        }
    }

    private static string? Argument(Dictionary<int, ArgumentRule> rules, string[] w)
    {
        if (w.Length < 3 || Index(w[1]) is not { } index)
            return "'arg' takes an index 0..3 and a rule";
        if (!rules.TryGetValue(index, out var rule))
            rules[index] = rule = new ArgumentRule();
        var names = w.Skip(3).ToArray();
        if (!names.All(IsMacro))
            return $"'{string.Join(" ", names)}' are not all macro names";
        switch (w[2])
        {
            case "reserved" when names.Length == 0:
                rule.Reserved = true;
                return null;
            case "bits" when names.Length > 0:
                rule.Bits.AddRange(names);
                return null;
            case "subflags-of" when names.Length > 0:
                rule.SubFlagsOf.AddRange(names);
                return null;
            case "requires" when names.Length > 0:
                rule.Requires.AddRange(names);
                return null;
            case "forbids" when names.Length > 0:
                rule.Forbids.AddRange(names);
                return null;
            default:
                return $"unknown argument rule '{w[2]}'" + NearestName.Suggestion(w[2], ArgumentRules);
        }
    }

    private static readonly string[] FlagsMeanings = ["none", "actions"];

    // Every word a contract line may start with, and every rule of an 'arg' line: what a typo is measured against.
    private static readonly string[] Directives =
    [
        "capability", "cite", "flags", "memslot-arg", "action", "arg", "locks-memslot", "unlocks-memslot",
        "all-memslots-with", "memslot-conflict", "ioctl",
    ];

    private static readonly string[] ArgumentRules = ["reserved", "bits", "subflags-of", "requires", "forbids"];

    private static int? Index(string word)
        => int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i is >= 0 and <= 3 ? i : null;

    private static bool IsMacro(string word) => ContractLines.IsMacro(word);
}
