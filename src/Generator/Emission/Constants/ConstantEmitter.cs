using KvmSharp.Generator.Model;

namespace KvmSharp.Generator.Emission.Constants;

/// <summary>
/// The header's integer constants as C#: <c>KvmConstants</c> holds every object-like macro by its exact C
/// name with the C# type of its C type; the enums file holds the C enums, the constant families and the
/// sub-flags (<see cref="EnumShapes"/>); <c>KvmEnumerators</c> holds enumerators of unnamed C enums that
/// no enum can be named after.
/// </summary>
internal static class ConstantEmitter
{
    public const string ConstantsHintName = "KvmConstants.g.cs";
    public const string EnumsHintName = "KvmEnums.g.cs";

    public static IEnumerable<GeneratedSource> Emit(HeaderModel model, EmitOptions options)
    {
        var plan = EnumShapes.Build(model);
        return new[]
        {
            new GeneratedSource(ConstantsHintName, Constants(model, plan, options)),
            new GeneratedSource(EnumsHintName, Enums(model, plan, options)),
        };
    }

    private static string Constants(HeaderModel model, EnumPlan plan, EmitOptions options)
    {
        var w = new IndentedWriter();
        SupportFile.Header(w);
        using (w.Open($"namespace {options.Namespace}"))
        {
            w.Summary($"Every integer constant macro of {options.HeaderDescription} for {model.Arch}, by its C name, as its C type.");
            using (w.Open($"{options.Accessibility} static partial class {options.ConstantsClass}"))
            {
                var first = true;
                foreach (var c in model.Constants)
                {
                    if (!first)
                        w.Line();
                    first = false;
                    Constant(w, c, model.CharIsSigned);
                }
            }
            if (plan.LooseEnumerators.Count > 0)
            {
                w.Line();
                w.Summary("Enumerators of unnamed C enums that have no name to give an enum (a lone enumerator), as constants.");
                using (w.Open($"{options.Accessibility} static partial class {options.EnumeratorsClass}"))
                {
                    for (var i = 0; i < plan.LooseEnumerators.Count; i++)
                    {
                        if (i > 0)
                            w.Line();
                        Enumerator(w, plan.LooseEnumerators[i].Enum, plan.LooseEnumerators[i].Enumerator, model.CharIsSigned);
                    }
                }
            }
        }
        return w.ToString();
    }

    private static void Constant(IndentedWriter w, ConstantModel c, bool charIsSigned)
    {
        var type = ConstantTypes.CSharpType(c.Type, charIsSigned);
        if (type is null)
        {
            // C# has no 128-bit constants, and the model keeps only the low 64 bits of the value, so none is shown.
            w.Line($"// {c.Name} ({c.Type.Spelling()}): skipped, C# has no 128-bit constants.");
            return;
        }
        SupportFile.MacroSummary(w, c.Name, $"({IndentedWriter.XmlEscape(c.Type.Spelling())})", c.Comment);
        w.Line($"[NativeTypeName({CSharpNames.Literal(c.Type.Spelling())})]");
        w.Line($"public const {type} {CSharpNames.Identifier(c.Name)} = {ConstantTypes.Literal(c.Value, c.Type, charIsSigned)};");
    }

    // C11 6.7.2.2p3: an enumeration constant has type int; clang gives a value int cannot hold the enum's type.
    private static void Enumerator(IndentedWriter w, EnumModel e, EnumeratorModel n, bool charIsSigned)
    {
        var fitsInt = e.Underlying.IsSigned(charIsSigned) ? (long)n.Value >= int.MinValue && (long)n.Value <= int.MaxValue : n.Value <= int.MaxValue;
        var kind = fitsInt ? CIntegerKind.Int : e.Underlying;
        SupportFile.MacroSummary(w, n.Name, $"({kind.Spelling()}), an enumerator of an unnamed enum", n.Comment);
        w.Line($"[NativeTypeName({CSharpNames.Literal(kind.Spelling())})]");
        w.Line($"public const {ConstantTypes.CSharpType(kind, charIsSigned)} {CSharpNames.Identifier(n.Name)} = {ConstantTypes.Literal(n.Value, kind, charIsSigned)};");
    }

    private static string Enums(HeaderModel model, EnumPlan plan, EmitOptions options)
    {
        var w = new IndentedWriter();
        SupportFile.Header(w);
        using (w.Open($"namespace {options.Namespace}"))
        {
            for (var i = 0; i < plan.Enums.Count; i++)
            {
                if (i > 0)
                    w.Line();
                EnumWriter.Write(w, plan.Enums[i], options, model.CharIsSigned);
            }
        }
        return w.ToString();
    }
}
