using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace KvmSharp.Analyzers.Calls;

/// <summary>
/// The field values of a struct local at the point it is passed to a KVM call, from the assignments before it in
/// the same method (<c>c.Cap = ...; c.Flags = ...; c.Args[1] = ...;</c>). Fields are named by path
/// (<c>Flags</c>, <c>Args[1]</c>).
/// </summary>
/// <remarks>
/// Straight-line data flow only, so that the rules stay silent rather than guess: an assignment counts when it is a
/// statement of a block that also holds the call; one under an <c>if</c> or in a loop that does not hold the call
/// makes the field unknown, and so does any use of the local that could change it (<c>ref</c>, <c>&amp;</c>, a
/// lambda that captures it, an instance call).
/// </remarks>
internal sealed class StructFieldTracker
{
    private readonly Dictionary<string, Operand> fields = new();
    private readonly Location useLocation;
    private bool zeroed;

    private StructFieldTracker(Location useLocation) => this.useLocation = useLocation;

    /// <summary>The value of field <paramref name="path"/>.</summary>
    public Operand this[string path]
        => fields.TryGetValue(path, out var operand) ? operand
            : zeroed ? Operand.Implicit(0, useLocation) : Operand.Unknown(useLocation);

    /// <summary>Field values of the struct passed as <paramref name="argument"/> (a local or a <c>new T { ... }</c>).</summary>
    public static StructFieldTracker At(IOperation argument, KvmSymbols symbols)
    {
        var tracker = new StructFieldTracker(argument.Syntax.GetLocation());
        var value = Unwrap(argument);
        if (value is IObjectCreationOperation or IDefaultValueOperation)
        {
            tracker.Reset(value, symbols);
            return tracker;
        }
        if (value is not ILocalReferenceOperation local)
            return tracker;
        var root = argument;
        while (root.Parent is not null)
            root = root.Parent;
        var position = argument.Syntax.SpanStart;
        foreach (var op in root.Descendants().OrderBy(o => o.Syntax.SpanStart))
        {
            if (op.Syntax.SpanStart >= position)
                break;
            if (op is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local.Local))
            {
                tracker.fields.Clear();
                tracker.zeroed = false;
                if (declarator.GetVariableInitializer() is { } init)
                    tracker.Reset(Unwrap(init.Value), symbols);
            }
            else if (op is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local.Local))
            {
                tracker.Use(reference, argument, symbols);
            }
        }
        return tracker;
    }

    private void Use(ILocalReferenceOperation reference, IOperation call, KvmSymbols symbols)
    {
        if (reference.Ancestors().Any(a => a is IAnonymousFunctionOperation or ILocalFunctionOperation)
            && !call.Ancestors().Any(a => a is IAnonymousFunctionOperation or ILocalFunctionOperation))
        {
            Forget();
            return;
        }
        var parent = reference.Parent;
        if (parent is ISimpleAssignmentOperation whole && whole.Target == reference)
        {
            fields.Clear();
            zeroed = false;
            Reset(Unwrap(whole.Value), symbols);
            return;
        }
        if (parent is IArgumentOperation { Parameter.RefKind: RefKind.None or RefKind.In or RefKind.RefReadOnlyParameter })
            return;
        if (parent is IFieldReferenceOperation field)
        {
            var (path, access) = Path(field);
            if (access.Parent is ISimpleAssignmentOperation assignment && assignment.Target == access && path is not null)
            {
                fields[path] = Straight(assignment, call) ? Operand.Of(assignment.Value, symbols) : Operand.Unknown(useLocation);
                return;
            }
            if (IsWrite(access))
            {
                if (path is null)
                    Forget();
                else
                    fields[path] = Operand.Unknown(useLocation);
            }
            return;
        }
        Forget();
    }

    /// <summary><c>c.Flags</c> is path <c>Flags</c>; <c>c.Args[1]</c> is <c>Args[1]</c>; an element with a non-constant index has no path.</summary>
    private static (string? Path, IOperation Access) Path(IFieldReferenceOperation field)
    {
        var parent = field.Parent;
        IOperation? index = parent switch
        {
            IInlineArrayAccessOperation inline when inline.Instance == field => inline.Argument,
            IPropertyReferenceOperation { Property.IsIndexer: true } indexer when indexer.Instance == field && indexer.Arguments.Length == 1 => indexer.Arguments[0].Value,
            _ => null,
        };
        if (index is null)
            return (field.Field.Name, field);
        return index.ConstantValue.HasValue && index.ConstantValue.Value is int i
            ? ($"{field.Field.Name}[{i}]", parent!)
            : (null, parent!);
    }

    private static bool IsWrite(IOperation access) => access.Parent switch
    {
        IAssignmentOperation a => a.Target == access,
        IIncrementOrDecrementOperation => true,
        IArgumentOperation arg => arg.Parameter?.RefKind is RefKind.Ref or RefKind.Out,
        IAddressOfOperation => true,
        IInvocationOperation or IFieldReferenceOperation => true,
        _ => false,
    };

    /// <summary>Whether the assignment runs on every path to the call: a statement of a block that holds the call.</summary>
    private static bool Straight(IOperation assignment, IOperation call)
    {
        var parent = assignment.Parent;
        if (parent is not IExpressionStatementOperation statement || statement.Parent is not IBlockOperation block)
            return false;
        return call.Ancestors().Contains(block);
    }

    /// <summary>A struct created whole: <c>default</c> or <c>new T()</c> zero every field, then the initializer's assignments.</summary>
    private void Reset(IOperation value, KvmSymbols symbols)
    {
        fields.Clear();
        zeroed = value is IDefaultValueOperation || (value is IObjectCreationOperation { Arguments.Length: 0 } creation && creation.Constructor?.IsImplicitlyDeclared != false);
        if (value is IObjectCreationOperation { Initializer: { } initializer })
        {
            foreach (var init in initializer.Initializers.OfType<ISimpleAssignmentOperation>())
            {
                if (init.Target is IFieldReferenceOperation target)
                    fields[target.Field.Name] = Operand.Of(init.Value, symbols);
            }
        }
    }

    private void Forget()
    {
        fields.Clear();
        zeroed = false;
    }

    internal static IOperation Unwrap(IOperation op)
    {
        while (true)
        {
            switch (op)
            {
                case IArgumentOperation a:
                    op = a.Value;
                    break;
                case IConversionOperation c:
                    op = c.Operand;
                    break;
                case IParenthesizedOperation p:
                    op = p.Operand;
                    break;
                default:
                    return op;
            }
        }
    }
}
