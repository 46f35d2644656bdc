using KvmSharp.Generator.Model;

namespace KvmSharp.Generator.FrontEnd.Types;

internal sealed class EnumCType : CType
{
    public EnumCType(string? tag, SourceLocation location)
    {
        Tag = tag;
        Location = location;
    }

    public string? Tag { get; }

    public string? TypedefName { get; set; }

    public SourceLocation Location { get; set; }

    public string? Comment { get; set; }

    public bool IsComplete { get; set; }

    public CIntegerKind Underlying { get; set; } = CIntegerKind.UnsignedInt;

    public List<EnumeratorModel> Enumerators { get; } = new();

    public override string Spelling => Tag is not null ? $"enum {Tag}" : TypedefName ?? $"enum (unnamed at {Location})";
}
