using KvmSharp.Generator.Model;

namespace KvmSharp.Generator.Emission.Records;

/// <summary>
/// Every record of the model as a blittable struct with C's size and member offsets: explicit layout,
/// one file per record (hint name <c>KvmSharp.Records.{Type}.g.cs</c>) in model order, then the fixed-size
/// array types they use. See <see cref="RecordPlanner"/> for the naming rules.
/// </summary>
internal static class RecordEmitter
{
    public static IEnumerable<GeneratedSource> Emit(HeaderModel model, EmitOptions options)
    {
        var planner = new RecordPlanner(model, options);
        var plans = planner.Plan();
        foreach (var plan in plans)
            yield return new GeneratedSource($"KvmSharp.Records.{plan.TypeName}.g.cs", RecordWriter.File(plan, options, model.IsBigEndian));
        if (planner.ArrayLengths.Count > 0)
            yield return InlineArrayEmitter.Emit(planner.ArrayLengths, options);
    }
}
