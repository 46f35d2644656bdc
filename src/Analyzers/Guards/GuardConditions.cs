using System.Linq;
using KvmSharp.Generator.Emission;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace KvmSharp.Analyzers.Guards;

/// <summary>
/// Recognises capability checks in branch conditions: <c>x.CheckExtension(C) != 0</c> (and <c>== 0</c>, <c>&gt; 0</c>,
/// <c>is 0</c>, <c>is not 0</c>, operands either side, <c>!</c>), and calls of a bool method marked
/// <c>[KvmCapabilityGuard]</c>, which names its capability or takes it as a <c>KvmCapability</c> argument.
/// </summary>
internal static class GuardConditions
{
    public static GuardFact? Of(IOperation condition)
    {
        condition = Unwrap(condition);
        switch (condition)
        {
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                return Of(not.Operand)?.Negated;
            case IBinaryOperation binary:
                return Comparison(binary);
            case IIsPatternOperation pattern when CheckedCapability(pattern.Value) is { } cap:
                return Pattern(pattern.Pattern, cap);
            case IInvocationOperation invocation:
                return UserGuard(invocation);
            default:
                return null;
        }
    }

    private static GuardFact? Comparison(IBinaryOperation binary)
    {
        var op = binary.OperatorKind;
        var cap = CheckedCapability(binary.LeftOperand);
        var constant = binary.RightOperand;
        if (cap is null)
        {
            cap = CheckedCapability(binary.RightOperand);
            constant = binary.LeftOperand;
            op = Mirror(op);
        }
        if (cap is null || !constant.ConstantValue.HasValue || constant.ConstantValue.Value is not int k)
            return null;
        // CheckExtension returns 0 when the capability is absent and a positive number when present.
        return (op, k) switch
        {
            (BinaryOperatorKind.NotEquals, 0) or (BinaryOperatorKind.GreaterThan, 0) or (BinaryOperatorKind.GreaterThanOrEqual, 1) => new GuardFact(cap.Value, true),
            (BinaryOperatorKind.Equals, 0) or (BinaryOperatorKind.LessThanOrEqual, 0) or (BinaryOperatorKind.LessThan, 1) => new GuardFact(cap.Value, false),
            _ => null,
        };
    }

    private static BinaryOperatorKind Mirror(BinaryOperatorKind op) => op switch
    {
        BinaryOperatorKind.GreaterThan => BinaryOperatorKind.LessThan,
        BinaryOperatorKind.LessThan => BinaryOperatorKind.GreaterThan,
        BinaryOperatorKind.GreaterThanOrEqual => BinaryOperatorKind.LessThanOrEqual,
        BinaryOperatorKind.LessThanOrEqual => BinaryOperatorKind.GreaterThanOrEqual,
        _ => op,
    };

    private static GuardFact? Pattern(IPatternOperation pattern, ulong cap) => pattern switch
    {
        IConstantPatternOperation { Value.ConstantValue.Value: 0 } => new GuardFact(cap, false),
        INegatedPatternOperation { Pattern: IConstantPatternOperation { Value.ConstantValue.Value: 0 } } => new GuardFact(cap, true),
        IRelationalPatternOperation { OperatorKind: BinaryOperatorKind.GreaterThan, Value.ConstantValue.Value: 0 } => new GuardFact(cap, true),
        _ => null,
    };

    /// <summary>The capability of a <c>CheckExtension(C)</c> call with a constant C.</summary>
    private static ulong? CheckedCapability(IOperation operation)
    {
        if (Unwrap(operation) is not IInvocationOperation { TargetMethod.Name: GeneratedNames.CheckExtensionMethod } call)
            return null;
        return CapabilityArgument(call);
    }

    private static GuardFact? UserGuard(IInvocationOperation invocation)
    {
        var attribute = invocation.TargetMethod.GetAttributes().FirstOrDefault(a => a.AttributeClass?.Name == GeneratedNames.CapabilityGuardAttribute);
        if (attribute is null || invocation.TargetMethod.ReturnType.SpecialType != SpecialType.System_Boolean)
            return null;
        if (attribute.ConstructorArguments.FirstOrDefault().Value is string name)
        {
            var namespaceSymbol = invocation.TargetMethod.ContainingNamespace;
            var constants = attribute.AttributeClass!.ContainingNamespace.GetTypeMembers(GeneratedNames.Constants).FirstOrDefault()
                ?? namespaceSymbol.GetTypeMembers(GeneratedNames.Constants).FirstOrDefault();
            var field = constants?.GetMembers(name).OfType<IFieldSymbol>().FirstOrDefault();
            return field is { HasConstantValue: true } && ConstantValues.ToUInt64(field.ConstantValue) is { } value ? new GuardFact(value, true) : null;
        }
        return CapabilityArgument(invocation) is { } cap ? new GuardFact(cap, true) : null;
    }

    private static ulong? CapabilityArgument(IInvocationOperation call)
    {
        var argument = call.Arguments.FirstOrDefault(a => a.Parameter?.Type.Name == GeneratedNames.Capability);
        return argument is not null && argument.Value.ConstantValue.HasValue ? ConstantValues.ToUInt64(argument.Value.ConstantValue.Value) : null;
    }

    private static IOperation Unwrap(IOperation op)
    {
        while (op is IConversionOperation or IParenthesizedOperation)
            op = op is IConversionOperation c ? c.Operand : ((IParenthesizedOperation)op).Operand;
        return op;
    }
}
