using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace KvmSharp.Analyzers.Calls;

/// <summary>
/// One value of a KVM call (<c>flags</c>, <c>args[1]</c>, a memslot's <c>memory_size</c>) as the analyzers see it:
/// its constant value when there is one, the expression it was written as, and the macros it names.
/// </summary>
internal sealed class Operand
{
    private Operand(ulong? value, IOperation? expression, Location location, ImmutableArray<NamedUse> names, string? parameterName)
    {
        Value = value;
        Expression = expression;
        Location = location;
        Names = names;
        ParameterName = parameterName;
    }

    /// <summary>The compile-time value; null when it is not constant, and then no rule looks at it.</summary>
    public ulong? Value { get; }

    /// <summary>The expression that gives the value; null when the value is implicit (an omitted argument, a zeroed field).</summary>
    public IOperation? Expression { get; }

    /// <summary>Where a diagnostic about the value goes.</summary>
    public Location Location { get; }

    public ImmutableArray<NamedUse> Names { get; }

    /// <summary>For an omitted optional argument: the parameter's name, so a fix can add it by name.</summary>
    public string? ParameterName { get; }

    public static Operand Unknown(Location location) => new(null, null, location, ImmutableArray<NamedUse>.Empty, null);

    /// <summary>A value nobody wrote: an omitted optional argument or a field of a zeroed struct.</summary>
    public static Operand Implicit(ulong value, Location location, string? parameterName = null)
        => new(value, null, location, ImmutableArray<NamedUse>.Empty, parameterName);

    public static Operand Of(IOperation expression, KvmSymbols symbols)
    {
        // EnableCap's typed form takes KvmEnableCapValue: the value is what was converted to it (a flag enum's member, a number).
        while (expression is IConversionOperation { OperatorMethod: not null } conversion)
            expression = conversion.Operand;
        ulong? value = expression.ConstantValue.HasValue ? ConstantValues.ToUInt64(expression.ConstantValue.Value) : null;
        var names = expression.DescendantsAndSelf().OfType<IFieldReferenceOperation>()
            .Where(f => f.Field.IsConst)
            .Select(f => (Reference: f, CName: symbols.CName(f.Field)))
            .Where(p => p.CName is not null)
            .Select(p => new NamedUse(p.CName!, p.Reference))
            .ToImmutableArray();
        return new Operand(value, expression, expression.Syntax.GetLocation(), names, null);
    }
}
