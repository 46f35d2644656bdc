namespace KvmSharp.Generator.Model;

/// <summary>A C enum and its enumerators.</summary>
/// <param name="Tag">The tag, or null for an unnamed enum.</param>
/// <param name="TypedefName">A typedef name given to an unnamed enum.</param>
/// <param name="Underlying">The integer type the compiler chose for it.</param>
public sealed record EnumModel(
    string? Tag,
    string? TypedefName,
    CIntegerKind Underlying,
    EquatableArray<EnumeratorModel> Enumerators,
    SourceLocation Location,
    string? Comment);

/// <summary>One enumerator; <see cref="Value"/> is two's complement for a negative value.</summary>
public sealed record EnumeratorModel(string Name, ulong Value, SourceLocation Location, string? Comment);

/// <summary>A typedef of the header (<c>typedef __u64 __le64;</c>).</summary>
/// <param name="Target">The type it names (for an array typedef, the element type).</param>
public sealed record TypedefModel(string Name, TypeReference Target, EquatableArray<long> ArrayDimensions, SourceLocation Location);
