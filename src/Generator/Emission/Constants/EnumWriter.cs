using KvmSharp.Generator.Model;

namespace KvmSharp.Generator.Emission.Constants;

/// <summary>Writes one <see cref="EnumShape"/> as a C# enum with its attributes and docs.</summary>
internal static class EnumWriter
{
    public static void Write(IndentedWriter w, EnumShape shape, EmitOptions options, bool charIsSigned)
    {
        w.Line("/// <summary>");
        foreach (var line in shape.Summary.Split('\n'))
            w.Line(("/// " + line).TrimEnd());
        w.Line("/// </summary>");
        if (shape.IsFlags)
            w.Line("[global::System.Flags]");
        if (shape.NativeTypeName is { } native)
            w.Line($"[NativeTypeName({CSharpNames.Literal(native)})]");
        if (shape.FamilyPrefix is { } prefix)
            w.Line(shape.HeldBy is { } held
                ? $"[KvmConstantFamily({CSharpNames.Literal(prefix)}, HeldBy = {CSharpNames.Literal(held)})]"
                : $"[KvmConstantFamily({CSharpNames.Literal(prefix)})]");
        if (shape.SubFlagsOf is { } parent)
            w.Line($"[KvmSubFlagsOf({CSharpNames.Literal(parent)})]");
        var underlying = ConstantTypes.CSharpType(shape.Underlying, charIsSigned);
        using (w.Open($"{options.Accessibility} enum {shape.Name} : {underlying}"))
        {
            for (var i = 0; i < shape.Members.Count; i++)
            {
                var m = shape.Members[i];
                if (i > 0)
                    w.Line();
                SupportFile.MacroSummary(w, m.NativeName, null, m.Comment);
                w.Line($"[NativeTypeName({CSharpNames.Literal(m.NativeName)})]");
                w.Line($"{CSharpNames.Identifier(m.Name)} = {ConstantTypes.Literal(m.Value, shape.Underlying, charIsSigned)},");
            }
        }
    }
}
