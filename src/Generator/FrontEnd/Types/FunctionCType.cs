namespace KvmSharp.Generator.FrontEnd.Types;

internal sealed class FunctionCType : CType
{
    public FunctionCType(CType returnType, string parameters)
    {
        ReturnType = returnType;
        Parameters = parameters;
    }

    public CType ReturnType { get; }

    /// <summary>The parameter types as clang prints them (<c>int, char *</c>; <c>void</c> for <c>(void)</c>).</summary>
    public string Parameters { get; }

    public override string Spelling => $"{ReturnType.Spelling} ({Parameters})";
}
