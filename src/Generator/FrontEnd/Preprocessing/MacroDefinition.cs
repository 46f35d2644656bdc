using KvmSharp.Generator.FrontEnd.Lexing;

namespace KvmSharp.Generator.FrontEnd.Preprocessing;

/// <summary>A <c>#define</c>: its name token, parameters (function-like only) and replacement list.</summary>
internal sealed class MacroDefinition
{
    public MacroDefinition(Token name, IReadOnlyList<string>? parameters, bool isVariadic, IReadOnlyList<Token> body, bool isBuiltIn)
    {
        NameToken = name;
        Parameters = parameters;
        IsVariadic = isVariadic;
        Body = body;
        IsBuiltIn = isBuiltIn;
    }

    public string Name => NameToken.Text;

    /// <summary>Columns between <c>define</c> and the name: the kernel indents a flag's sub-flags.</summary>
    public int Indent { get; init; }

    public Token NameToken { get; }

    /// <summary>Null for an object-like macro. A variadic macro's last parameter is the rest (<c>__VA_ARGS__</c> or GNU's <c>NAME...</c>).</summary>
    public IReadOnlyList<string>? Parameters { get; }

    public bool IsFunctionLike => Parameters is not null;

    public bool IsVariadic { get; }

    public IReadOnlyList<Token> Body { get; }

    /// <summary>Predefined by the target rather than by a header.</summary>
    public bool IsBuiltIn { get; }

    public int ParameterIndex(string name)
    {
        if (Parameters is null)
            return -1;
        for (var i = 0; i < Parameters.Count; i++)
        {
            if (Parameters[i] == name)
                return i;
        }
        return -1;
    }

    /// <summary>Whether a redefinition is the same (C11 6.10.3p2: same parameters and same replacement list and spacing).</summary>
    public bool SameAs(MacroDefinition other)
    {
        if (IsFunctionLike != other.IsFunctionLike || IsVariadic != other.IsVariadic || Body.Count != other.Body.Count)
            return false;
        if (Parameters is not null && !Parameters.SequenceEqual(other.Parameters!))
            return false;
        for (var i = 0; i < Body.Count; i++)
        {
            if (Body[i].Text != other.Body[i].Text || (i > 0 && Body[i].HasLeadingSpace != other.Body[i].HasLeadingSpace))
                return false;
        }
        return true;
    }
}
