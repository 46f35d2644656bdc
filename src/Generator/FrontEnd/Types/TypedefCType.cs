using KvmSharp.Generator.Model;

namespace KvmSharp.Generator.FrontEnd.Types;

internal sealed class TypedefCType : CType
{
    public TypedefCType(string name, CType target, int? alignAttribute, SourceLocation location)
    {
        Name = name;
        Target = target;
        AlignAttribute = alignAttribute;
        Location = location;
    }

    public string Name { get; }

    public CType Target { get; }

    /// <summary><c>aligned(n)</c> on a typedef sets its alignment, even lower than the type's (GCC).</summary>
    public int? AlignAttribute { get; }

    public SourceLocation Location { get; }

    public override string Spelling => Name;

    public override CType Resolved => Target.Resolved;
}
