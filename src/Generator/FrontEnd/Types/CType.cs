namespace KvmSharp.Generator.FrontEnd.Types;

/// <summary>A C type as the parser builds it. Typedefs are kept as <see cref="TypedefCType"/> so spellings survive.</summary>
internal abstract class CType
{
    /// <summary>The type as C would spell it (typedef names kept).</summary>
    public abstract string Spelling { get; }

    /// <summary>The type with typedefs seen through.</summary>
    public virtual CType Resolved => this;

    public override string ToString() => Spelling;
}
