using KvmSharp.Generator.Model;

namespace KvmSharp.Tests.Oracle;

/// <summary>
/// Checks what a <see cref="TypeReference"/> claims about its spelling: that clang reads the spelling as a type
/// of that category, size, alignment, integer kind and signedness, and that a record or enum reference names
/// the model's record or enum. Each distinct reference is checked once, named after its first user.
/// </summary>
internal sealed class TypeReferenceChecks
{
    // __builtin_classify_type's answers (GCC's type_class enum, which clang copies).
    private const int PointerClass = 5, RealClass = 8, RecordClass = 12, UnionClass = 13;

    private readonly CheckFile file;
    private readonly HeaderModel model;
    private readonly HashSet<TypeReference> done = new();

    public TypeReferenceChecks(CheckFile file, HeaderModel model)
    {
        this.file = file;
        this.model = model;
    }

    /// <summary>Checks <paramref name="type"/> unless an equal reference was already checked.</summary>
    public void Check(TypeReference type, string usedBy)
    {
        // An unnamed record has no spelling to check; its layout is compared through the record dump instead.
        if (type.Spelling.Contains('{') || !done.Add(type))
            return;

        var s = type.Spelling;
        var subject = $"type `{s}` (as used by {usedBy})";
        const string C = "type";

        if (type.Category == TypeCategory.Void)
        {
            file.Assert(new OracleFact(C, subject, "category", "void", ProbeKind.Type, $"({s} *)0"),
                $"__builtin_types_compatible_p({s}, void)");
            return;
        }

        file.AssertEqual(C, subject, "sizeof", $"sizeof({s})", type.Size);
        file.AssertEqual(C, subject, "_Alignof", $"_Alignof({s})", type.Align);

        switch (type.Category)
        {
            case TypeCategory.Integer or TypeCategory.Enum:
                if (type.Integer is not { } kind)
                {
                    file.Inconsistent(C, subject, "Integer is null for an integer or enum type");
                    break;
                }
                file.Assert(new OracleFact(C, subject, "integer type", kind.Spelling(), ProbeKind.IntegerKind, $"({s})0"),
                    $"_Generic(({s})0, {kind.Spelling()}: 1, default: 0)");
                file.Assert(new OracleFact(C, subject, "signedness", type.IsSigned ? "signed" : "unsigned"),
                    $"((({s})-1) < 0) == {(type.IsSigned ? 1 : 0)}");
                if (type.Category == TypeCategory.Enum)
                    CheckEnumKey(type, subject);
                break;
            case TypeCategory.Pointer:
                file.Assert(new OracleFact(C, subject, "category", "pointer", ProbeKind.Type, $"({s} *)0"),
                    $"__builtin_classify_type(({s})0) == {PointerClass}");
                break;
            case TypeCategory.Floating:
                file.Assert(new OracleFact(C, subject, "category", "floating", ProbeKind.Type, $"({s} *)0"),
                    $"__builtin_classify_type(({s})0) == {RealClass}");
                break;
            case TypeCategory.Record:
                CheckRecordKey(type, subject);
                break;
        }
    }

    private void CheckRecordKey(TypeReference type, string subject)
    {
        var s = type.Spelling;
        file.Assert(new OracleFact("type", subject, "category", "struct or union", ProbeKind.Type, $"({s} *)0"),
            $"__builtin_classify_type(*({s} *)0) == {RecordClass} || __builtin_classify_type(*({s} *)0) == {UnionClass}");
        if (type.RecordKey is null)
        {
            file.Inconsistent("type", subject, "RecordKey is null for a record type");
            return;
        }
        var record = model.Records.FirstOrDefault(r => r.Key == type.RecordKey);
        if (record?.CSpelling is not { } spelling)
        {
            file.Inconsistent("type", subject, $"RecordKey {type.RecordKey} names no record of the model");
            return;
        }
        file.Assert(new OracleFact("type", subject, "RecordKey", $"{type.RecordKey} (`{spelling}`)", ProbeKind.Type, $"({s} *)0"),
            $"__builtin_types_compatible_p({s}, {spelling})");
    }

    private void CheckEnumKey(TypeReference type, string subject)
    {
        if (type.RecordKey is null)
            return;
        var e = model.Enums.FirstOrDefault(x => x.Tag == type.RecordKey || x.TypedefName == type.RecordKey);
        if (e is null)
        {
            file.Inconsistent("type", subject, $"RecordKey {type.RecordKey} names no enum of the model");
            return;
        }
        var spelling = e.Tag is not null ? $"enum {e.Tag}" : e.TypedefName!;
        file.Assert(new OracleFact("type", subject, "RecordKey", $"{type.RecordKey} (`{spelling}`)", ProbeKind.Type, $"({type.Spelling} *)0"),
            $"__builtin_types_compatible_p({type.Spelling}, {spelling})");
    }
}
