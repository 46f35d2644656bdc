namespace KvmSharp.Generator.Emission.Records;

/// <summary>
/// The fixed-size buffers that C arrays become: one generic <c>[InlineArray(N)] FixedArrayN&lt;T&gt;</c> per length
/// used, shared by every element type (a multi-dimensional array nests them). Named <c>FixedArray</c>, not
/// <c>InlineArray</c>, because .NET 10 has its own <c>System.Runtime.CompilerServices.InlineArrayN&lt;T&gt;</c>.
/// </summary>
internal static class InlineArrayEmitter
{
    public static GeneratedSource Emit(IEnumerable<long> lengths, EmitOptions options)
    {
        var writer = new IndentedWriter();
        SupportFile.Header(writer);
        writer.Line($"namespace {options.Namespace};");
        foreach (var length in lengths.OrderBy(l => l))
        {
            writer.Line();
            writer.Line("/// <summary>");
            writer.Line($"/// A C array of {length} elements of <typeparamref name=\"T\"/>, stored in place; index it or convert it to a span.");
            writer.Line("/// </summary>");
            writer.Line("/// <typeparam name=\"T\">The element type.</typeparam>");
            writer.Line($"[global::System.Runtime.CompilerServices.InlineArray({length})]");
            using (writer.Open($"{options.Accessibility} struct FixedArray{length}<T> where T : unmanaged"))
                writer.Line("private T element0;");
        }
        return new GeneratedSource("KvmSharp.Records.FixedArrays.g.cs", writer.ToString());
    }
}
