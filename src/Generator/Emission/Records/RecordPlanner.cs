using System.Text.RegularExpressions;
using KvmSharp.Generator.Emission.Constants;
using KvmSharp.Generator.Model;

namespace KvmSharp.Generator.Emission.Records;

/// <summary>
/// Decides the C# shape of every record of a model: type and member names, member kinds and types.
/// </summary>
/// <remarks>
/// Naming rules, all deterministic (declaration order decides who keeps a name):
/// <list type="bullet">
/// <item>A record is <c>CSharpNames.Pascal</c> of its key (<c>kvm_run</c> -> <c>KvmRun</c>); a member likewise.</item>
/// <item>A taken name gets <c>_1</c>, <c>_2</c>... (<see cref="RecordNameScope"/>): a member named like its struct,
/// like an inherited member (<c>Equals</c>), or like an earlier member after Pascal casing.</item>
/// <item>In one struct, C names (its own members and those it reaches through anonymous members) are
/// named first, then what only C# has: anonymous members <c>Anonymous</c> (<c>Anonymous1</c>, <c>Anonymous2</c>...
/// when there are several) of type <c>AnonymousUnion</c>/<c>AnonymousStruct</c> (<c>Anonymous1Union</c>...),
/// the type of a member of unnamed record type (<c>struct { ... } io;</c>): <c>IoStruct</c>/<c>IoUnion</c>,
/// bitfield storage <c>Bitfield</c>, <c>Bitfield2</c>...</item>
/// </list>
/// Types are referred to fully qualified (<c>global::</c>) so that no member name can shadow them.
/// </remarks>
internal sealed class RecordPlanner
{
    private static readonly Regex FixedArrayName = new(@"^FixedArray\d+$");

    private readonly HeaderModel model;
    private readonly string namespacePrefix;
    private readonly Dictionary<string, string> recordTypes = new(StringComparer.Ordinal);
    private readonly SortedSet<long> arrayLengths = new();
    private readonly IReadOnlyDictionary<SourceLocation, EnumShape> fieldEnums;

    public RecordPlanner(HeaderModel model, EmitOptions options)
    {
        this.model = model;
        namespacePrefix = "global::" + options.Namespace + ".";
        fieldEnums = EnumShapes.Build(model).FieldEnums;
    }

    /// <summary>Lengths of every <c>FixedArrayN</c> the plans use.</summary>
    public IReadOnlyCollection<long> ArrayLengths => arrayLengths;

    /// <summary>One plan per record of the model with a key, in model order.</summary>
    public List<RecordPlan> Plan()
    {
        var scope = new RecordNameScope();
        // Types of the same namespace that other emitters and this one generate.
        scope.Reserve("NativeTypeName");
        foreach (var name in SupportTypesEmitter.TypeNames)
            scope.Reserve(name);
        var named = new List<(RecordModel Record, string Name)>();
        foreach (var record in model.Records)
        {
            if (record.Key is not { } key)
                continue;
            var wanted = CSharpNames.Pascal(key);
            if (FixedArrayName.IsMatch(wanted))
                scope.Reserve(wanted);
            var name = scope.Take(wanted);
            // Two records with one key (a tag and a typedef name are different C namespaces): members refer to the first.
            if (!recordTypes.ContainsKey(key))
                recordTypes[key] = namespacePrefix + name;
            named.Add((record, name));
        }
        return named.Select(n => PlanRecord(n.Record, n.Name, namespacePrefix + n.Name, n.Record.CSpelling!)).ToList();
    }

    private RecordPlan PlanRecord(RecordModel record, string typeName, string fullName, string nativeName)
    {
        var plan = new RecordPlan(typeName, fullName, record, nativeName, Math.Max(record.Size, 1));
        var scope = RecordNameScope.ForMembersOf(typeName);

        // C names first, in declaration order, anonymous members' members where C declares them.
        var cNames = new Queue<string>(VisibleMembers(record).Select(f => scope.Take(CSharpNames.Pascal(f.Name!))).ToList());

        // Then the names only C# has.
        var anonymousCount = record.Fields.Count(f => f.IsAnonymousRecord && KindOf(f) is not null);
        var anonymousIndex = 0;
        var synthesized = new Dictionary<int, (string? Field, string Type)>();
        for (var i = 0; i < record.Fields.Count; i++)
        {
            var f = record.Fields[i];
            if (f.InlineRecord is not { } inner || KindOf(f) is null)
                continue;
            var kind = inner.Kind == RecordKind.Union ? "Union" : "Struct";
            if (f.IsAnonymousRecord)
            {
                anonymousIndex++;
                var field = scope.Take(anonymousCount > 1 ? $"Anonymous{anonymousIndex}" : "Anonymous");
                synthesized[i] = (field, scope.Take(field + kind));
            }
            else
            {
                synthesized[i] = (null, scope.Take(CSharpNames.Pascal(f.Name!) + kind));
            }
        }
        var storage = BitfieldRuns(record).Select((run, n) => (run.Start, run.Length, Name: scope.Take(n == 0 ? "Bitfield" : $"Bitfield{n + 1}"))).ToList();

        for (var i = 0; i < record.Fields.Count; i++)
        {
            var f = record.Fields[i];
            if (KindOf(f) is not { } kind)
                continue;
            foreach (var run in storage.Where(s => f.IsBitfield && s.Start == f.Offset && !plan.Members.Any(m => m.Name == s.Name)))
                plan.Members.Add(new MemberPlan(MemberKind.BitfieldStorage, run.Name, ByteArray(run.Length), run.Start, null, null, Length: run.Length));

            RecordPlan? nested = null;
            if (f.InlineRecord is { } inner)
            {
                var typeName2 = synthesized[i].Type;
                nested = PlanRecord(inner, typeName2, fullName + "." + typeName2, InlineNativeName(f, inner));
                plan.NestedTypes.Add(nested);
            }

            if (f.IsAnonymousRecord)
            {
                var via = synthesized[i].Field!;
                plan.Members.Add(new MemberPlan(kind, via, nested!.FullName, f.Offset, f, nested.NativeName, Nested: nested));
                foreach (var reached in nested.Members.Where(m => m.CName is not null))
                {
                    plan.Members.Add(new MemberPlan(reached.Kind, cNames.Dequeue(), reached.Type, f.Offset + reached.Offset, reached.Field,
                        reached.NativeType, Via: via, Target: reached.Name, Nested: reached.Nested));
                }
                continue;
            }

            var name = cNames.Dequeue();
            var element = nested?.FullName
                ?? (fieldEnums.TryGetValue(f.Location, out var values) ? namespacePrefix + values.Name : null)
                ?? Scalar(f.Type) ?? ByteArray(f.Type.Size);
            var type = kind == MemberKind.Flexible ? Wrap(element, f.ArrayDimensions.Skip(1)) : Wrap(element, f.ArrayDimensions);
            plan.Members.Add(new MemberPlan(kind, name, type, f.Offset, f, NativeType(f, nested), Nested: nested));
        }
        return plan;
    }

    /// <summary>How a C member is exposed; null when it is not (padding bitfields, members of size 0 with nothing in them).</summary>
    private MemberKind? KindOf(FieldModel f)
    {
        if (f.IsBitfield)
            return f.Name is null || f.BitWidth is not (> 0 and <= 64) ? null : MemberKind.Bitfield;
        if (f.Flexible != FlexibleArrayKind.None)
            return f.Name is null ? null : MemberKind.Flexible;
        if (f.Size > 0)
            return MemberKind.Field;
        // Size 0: a GNU empty struct (nothing to reach), or a record of flexible arrays (reach them by a view).
        if (f.ArrayDimensions.Count > 0)
            return null;
        var record = f.InlineRecord ?? (f.Type.RecordKey is { } key ? model.Records.FirstOrDefault(r => r.Key == key) : null);
        return record is not null && VisibleMembers(record).Any() ? MemberKind.View : null;
    }

    /// <summary>The C members a record exposes by name, anonymous members seen through, in declaration order.</summary>
    private IEnumerable<FieldModel> VisibleMembers(RecordModel record)
    {
        foreach (var f in record.Fields)
        {
            if (KindOf(f) is null)
                continue;
            if (f.IsAnonymousRecord)
            {
                foreach (var inner in VisibleMembers(f.InlineRecord!))
                    yield return inner;
            }
            else
            {
                yield return f;
            }
        }
    }

    /// <summary>Byte ranges of the record's own named bitfields, overlapping or touching ones merged.</summary>
    private IEnumerable<(long Start, long Length)> BitfieldRuns(RecordModel record)
    {
        var spans = record.Fields.Where(f => KindOf(f) == MemberKind.Bitfield).Select(f => (f.Offset, End: f.Offset + f.Size)).OrderBy(s => s.Offset).ToList();
        var runs = new List<(long Start, long End)>();
        foreach (var span in spans)
        {
            if (runs.Count > 0 && span.Offset <= runs[runs.Count - 1].End)
                runs[runs.Count - 1] = (runs[runs.Count - 1].Start, Math.Max(runs[runs.Count - 1].End, span.End));
            else
                runs.Add(span);
        }
        // Storage is placed before the member whose first byte starts it, so runs follow declaration order.
        return runs.Select(r => (r.Start, r.End - r.Start))
            .OrderBy(r => record.Fields.ToList().FindIndex(f => KindOf(f) == MemberKind.Bitfield && f.Offset == r.Start));
    }

    /// <summary>The C# type of one element of <paramref name="type"/>, or null when C# has no match (<c>long double</c>).</summary>
    private string? Scalar(TypeReference type)
        => type.Category == TypeCategory.Record
            ? type.RecordKey is { } key && recordTypes.TryGetValue(key, out var name) ? name : null
            : ScalarTypes.Of(type);

    private string ByteArray(long length) => Wrap("byte", new[] { length });

    /// <summary><c>T[2][3]</c> is <c>FixedArray2&lt;FixedArray3&lt;T&gt;&gt;</c>.</summary>
    private string Wrap(string element, IEnumerable<long> dimensions)
    {
        var result = element;
        foreach (var length in dimensions.Reverse())
        {
            arrayLengths.Add(length);
            result = $"{namespacePrefix}FixedArray{length}<{result}>";
        }
        return result;
    }

    private static string NativeType(FieldModel f, RecordPlan? nested)
    {
        if (f.IsBitfield)
            return $"{f.Type.Spelling} : {f.BitWidth}";
        var dimensions = string.Concat(f.ArrayDimensions.Select((d, i) =>
            i == 0 && f.Flexible == FlexibleArrayKind.Incomplete ? "[]" : $"[{d}]"));
        return (nested?.NativeName ?? f.Type.Spelling) + dimensions;
    }

    /// <summary><c>union (anonymous at kvm.h:268:2)</c>: clang's name for it, with the file name only so that output does not depend on where headers are.</summary>
    private static string InlineNativeName(FieldModel f, RecordModel inner)
        => $"{(inner.Kind == RecordKind.Union ? "union" : "struct")} ({(f.IsAnonymousRecord ? "anonymous" : "unnamed")} at " +
           $"{System.IO.Path.GetFileName(inner.Location.File)}:{inner.Location.Line}:{inner.Location.Column})";
}
