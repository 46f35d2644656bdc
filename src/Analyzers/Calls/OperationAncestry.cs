using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace KvmSharp.Analyzers.Calls;

/// <summary>Parent chain of an operation.</summary>
internal static class OperationAncestry
{
    public static IEnumerable<IOperation> Ancestors(this IOperation op)
    {
        for (var p = op.Parent; p is not null; p = p.Parent)
            yield return p;
    }
}
