using KvmSharp.Generator.Model;

namespace KvmSharp.Generator.Emission.Wrappers;

/// <summary>
/// <c>KvmEnableCapValue</c>: what <c>EnableCap</c>'s typed form takes for <c>flags</c> and <c>args[i]</c>, a number or
/// any enum of the header's <c>#define</c> families and sub-flags, each by an implicit conversion, so a call such as
/// <c>vm.EnableCap(cap, KvmXFlags.Lock, slot, KvmXFlagsLockSubFlags.Read)</c> needs no cast. Which family belongs to
/// which capability the header does not say, so every one converts (but <c>KVM_CAP_*</c>); the analyzers judge the values.
/// </summary>
internal static class EnableCapValueEmitter
{
    public const string TypeName = GeneratedNames.EnableCapValue;

    /// <summary>Whether the typed <c>EnableCap</c> form and this type are generated: the runtime is referenced and the header has value enums.</summary>
    public static bool Applies(IoctlWrapperContext context) => context.ValueEnums.Count > 0;

    public static GeneratedSource Emit(IoctlWrapperContext context)
    {
        var w = new IndentedWriter();
        SupportFile.Header(w);
        using (w.Open($"namespace {context.Options.Namespace}"))
        {
            IoctlWrapperWriter.XmlSummary(w, "A value of <c>struct kvm_enable_cap</c>'s <c>flags</c> or one of its <c>args</c>: a number, or a member of any enum of\n" +
                "the header's constant families and sub-flags, converted implicitly. <c>EnableCap</c> takes it in its typed form.");
            using (w.Open($"{context.Options.Accessibility} readonly struct {TypeName} : global::System.IEquatable<{TypeName}>"))
            {
                w.Line("/// <summary>The value as the struct holds it (flags are <c>__u32</c>: the low 32 bits).</summary>");
                w.Line("public ulong Value { get; }");
                w.Line("");
                w.Line($"/// <summary>Holds <paramref name=\"value\"/>.</summary>");
                w.Line($"public {TypeName}(ulong value) => Value = value;");
                w.Line("");
                w.Line("/// <summary>A number: a slot, a size, an address, bits the enums do not name.</summary>");
                w.Line($"public static implicit operator {TypeName}(ulong value) => new(value);");
                foreach (var values in context.ValueEnums)
                {
                    w.Line("");
                    w.Line($"/// <summary>A member of <see cref=\"{context.EnumType(values)}\"/>, or several of them combined.</summary>");
                    w.Line($"public static implicit operator {TypeName}({context.EnumType(values)} value) => new(unchecked((ulong)value));");
                }
                w.Line("");
                w.Line("/// <inheritdoc/>");
                w.Line($"public bool Equals({TypeName} other) => Value == other.Value;");
                w.Line("/// <inheritdoc/>");
                w.Line($"public override bool Equals(object? obj) => obj is {TypeName} other && Equals(other);");
                w.Line("/// <inheritdoc/>");
                w.Line("public override int GetHashCode() => Value.GetHashCode();");
                w.Line("/// <summary>The value in hexadecimal.</summary>");
                w.Line("public override string ToString() => \"0x\" + Value.ToString(\"x\", global::System.Globalization.CultureInfo.InvariantCulture);");
            }
        }
        return new GeneratedSource($"KvmSharp.{TypeName}.g.cs", w.ToString());
    }
}
