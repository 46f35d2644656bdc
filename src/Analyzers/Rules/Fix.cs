using System.Collections.Immutable;
using KvmSharp.Analyzers.Calls;

namespace KvmSharp.Analyzers.Rules;

/// <summary>
/// What a code fix needs, carried in the diagnostic's properties (the fix runs in another assembly, on syntax
/// only, so the analyzer that resolved the symbols says what to write).
/// </summary>
internal static class Fix
{
    public const string Kind = "KvmFix";
    public const string Expression = "KvmFixExpression";
    public const string Parameter = "KvmFixParameter";
    public const string Receiver = "KvmFixReceiver";

    public const string ZeroKind = "Zero";
    public const string AddBitKind = "AddBit";
    public const string ReplaceKind = "Replace";
    public const string GuardKind = "Guard";

    /// <summary>Write 0 for the operand; nothing to do for an implicit 0.</summary>
    public static ImmutableDictionary<string, string?> Zero(Operand operand)
        => operand.Expression is null ? ImmutableDictionary<string, string?>.Empty
            : ImmutableDictionary<string, string?>.Empty.Add(Kind, ZeroKind);

    /// <summary>OR <paramref name="bit"/> into the operand, or pass it as the omitted argument <c>argN</c>.</summary>
    public static ImmutableDictionary<string, string?> AddBit(Operand operand, int index, string bit)
    {
        if (operand.Expression is null && operand.ParameterName is null)
            return ImmutableDictionary<string, string?>.Empty;
        var properties = ImmutableDictionary<string, string?>.Empty.Add(Kind, AddBitKind).Add(Expression, bit);
        return operand.Expression is null ? properties.Add(Parameter, operand.ParameterName ?? KvmCallReader.ArgumentName(index)) : properties;
    }

    /// <summary>Write <paramref name="expression"/> in place of the flagged name.</summary>
    public static ImmutableDictionary<string, string?> Replace(string expression)
        => ImmutableDictionary<string, string?>.Empty.Add(Kind, ReplaceKind).Add(Expression, expression);

    /// <summary>Wrap the statement in <c>if (receiver.CheckExtension(capability) != 0)</c>.</summary>
    public static ImmutableDictionary<string, string?> Guard(string receiver, string capability)
        => ImmutableDictionary<string, string?>.Empty.Add(Kind, GuardKind).Add(Receiver, receiver).Add(Expression, capability);
}
