using KvmSharp.Generator.Emission.Constants;
using KvmSharp.Generator.Emission.Records;
using KvmSharp.Generator.Emission;
using KvmSharp.Generator.Model;

namespace KvmSharp.Tests.Emission.Records;

/// <summary>
/// What record tests compile: the records, the enums some members are typed by, and, for <c>[NativeTypeName]</c>, the support types — or, while
/// <see cref="SupportTypesEmitter"/> does not emit the attribute yet, a stand-in of the same shape.
/// </summary>
internal static class RecordSources
{
    public static List<GeneratedSource> Emit(HeaderModel model, EmitOptions options)
    {
        // Members the header defines values for right above them are typed by those enums (FieldFamilies): the
        // constants' file, where the enums are, comes along.
        var sources = RecordEmitter.Emit(model, options).Concat(ConstantEmitter.Emit(model, options)).ToList();
        var support = SupportTypesEmitter.Emit(options).ToList();
        if (!support.Any(s => s.Text.Contains("class NativeTypeNameAttribute", StringComparison.Ordinal)))
            support = new List<GeneratedSource> { new("StandIn.NativeTypeName.g.cs", StandIn(options)) };
        return support.Concat(sources).ToList();
    }

    /// <summary>The records alone, one text, for a baseline.</summary>
    public static string Text(HeaderModel model, EmitOptions? options = null)
        => string.Join("\n", RecordEmitter.Emit(model, options ?? new EmitOptions()).Select(s => $"//// {s.HintName}\n{s.Text}"));

    private static string StandIn(EmitOptions options) => $$"""
        namespace {{options.Namespace}};
        /// <summary>Stand-in.</summary>
        [global::System.AttributeUsage(global::System.AttributeTargets.Struct | global::System.AttributeTargets.Field | global::System.AttributeTargets.Property)]
        {{options.Accessibility}} sealed class NativeTypeNameAttribute : global::System.Attribute
        {
            /// <summary>Stand-in.</summary>
            public NativeTypeNameAttribute(string name) => Name = name;
            /// <summary>Stand-in.</summary>
            public string Name { get; }
        }
        """;
}
