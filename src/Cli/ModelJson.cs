using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using KvmSharp.Generator.Model;

namespace KvmSharp.Cli;

/// <summary>
/// Writes a <see cref="HeaderModel"/> as the JSON of <c>kvmgen dump</c>. Everything comes out in model
/// order, so two runs on the same headers give the same bytes and a diff between kernel versions reads well.
/// </summary>
/// <remarks>
/// Optional keys (<c>anonymous</c>, <c>array</c>, <c>flexible</c>, <c>bit_offset</c>, ...) are written only
/// when they apply: a consumer tests for presence instead of comparing against sentinels.
/// </remarks>
internal static class ModelJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        // Messages and locations hold '<', '>' and quotes ("<built-in>"); the output is never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        // The same bytes on every OS.
        NewLine = "\n",
    };

    /// <summary>The JSON text, UTF-8, ending with a newline.</summary>
    public static byte[] ToUtf8(HeaderModel model)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Options))
            Write(writer, model);
        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    private static void Write(Utf8JsonWriter json, HeaderModel model)
    {
        json.WriteStartObject();
        json.WriteString("arch", model.Arch);
        // Only when the include folders have linux/version.h: the release the headers are of.
        if (model.LinuxVersion is { } linux)
        {
            json.WriteString("linux_version", linux.ToString());
            json.WriteNumber("linux_version_code", linux.Code);
        }

        json.WriteStartObject("constants");
        foreach (var constant in model.Constants)
            json.WriteNumber(constant.Name, constant.Value);
        json.WriteEndObject();

        json.WriteStartObject("records");
        foreach (var record in model.Records)
        {
            json.WritePropertyName(record.Key ?? $"<unnamed at {record.Location}>");
            WriteRecord(json, record);
        }
        json.WriteEndObject();

        json.WriteStartObject("ioctls");
        foreach (var ioctl in model.Ioctls)
            WriteIoctl(json, ioctl);
        json.WriteEndObject();

        json.WriteStartObject("non_constants");
        foreach (var macro in model.NonConstants)
        {
            json.WriteStartObject(macro.Name);
            json.WriteString("reason", macro.Reason);
            json.WriteString("location", macro.Location.ToString());
            json.WriteEndObject();
        }
        json.WriteEndObject();

        // An array, not an object: many uAPI enums have neither tag nor typedef name.
        json.WriteStartArray("enums");
        foreach (var enumModel in model.Enums)
            WriteEnum(json, enumModel);
        json.WriteEndArray();

        json.WriteStartObject("typedefs");
        foreach (var typedef in model.Typedefs)
        {
            json.WriteStartObject(typedef.Name);
            json.WriteString("type", typedef.Target.Spelling);
            if (typedef.ArrayDimensions.Count > 0)
                WriteDimensions(json, typedef.ArrayDimensions);
            json.WriteEndObject();
        }
        json.WriteEndObject();

        json.WriteStartArray("diagnostics");
        foreach (var diagnostic in model.Diagnostics)
        {
            json.WriteStartObject();
            json.WriteString("id", diagnostic.Id);
            json.WriteString("severity", diagnostic.Severity == DiagnosticSeverity.Error ? "error" : "warning");
            json.WriteString("message", diagnostic.Message);
            json.WriteString("location", diagnostic.Location.ToString());
            json.WriteEndObject();
        }
        json.WriteEndArray();

        json.WriteEndObject();
    }

    private static void WriteRecord(Utf8JsonWriter json, RecordModel record)
    {
        json.WriteStartObject();
        json.WriteString("kind", record.Kind == RecordKind.Struct ? "struct" : "union");
        json.WriteNumber("size", record.Size);
        json.WriteNumber("align", record.Align);
        if (record.IsPacked)
            json.WriteBoolean("packed", true);
        json.WriteStartArray("fields");
        foreach (var field in record.Fields)
            WriteField(json, field);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteField(Utf8JsonWriter json, FieldModel field)
    {
        json.WriteStartObject();
        if (field.Name is null)
            json.WriteNull("name");
        else
            json.WriteString("name", field.Name);
        if (field.IsAnonymousRecord)
            json.WriteBoolean("anonymous", true);
        json.WriteNumber("offset", field.Offset);
        json.WriteNumber("size", field.Size);
        // An inline record's spelling would be a made-up name; its layout says more.
        if (field.InlineRecord is null)
            json.WriteString("type", field.Type.Spelling);
        if (field.ArrayDimensions.Count > 0)
            WriteDimensions(json, field.ArrayDimensions);
        if (field.Flexible != FlexibleArrayKind.None)
            json.WriteString("flexible", field.Flexible == FlexibleArrayKind.Incomplete ? "incomplete" : "zero-length");
        if (field.BitOffset is { } bitOffset)
            json.WriteNumber("bit_offset", bitOffset);
        if (field.BitWidth is { } bitWidth)
            json.WriteNumber("bit_width", bitWidth);
        if (field.InlineRecord is { } inline)
        {
            json.WritePropertyName("record");
            WriteRecord(json, inline);
        }
        json.WriteEndObject();
    }

    private static void WriteIoctl(Utf8JsonWriter json, IoctlModel ioctl)
    {
        json.WriteStartObject(ioctl.Name);
        json.WriteString("dir", ioctl.Direction switch
        {
            IoctlDirection.None => "none",
            IoctlDirection.Read => "read",
            IoctlDirection.Write => "write",
            _ => "read_write",
        });
        json.WriteNumber("type", ioctl.Type);
        json.WriteNumber("nr", ioctl.Number);
        json.WriteNumber("size", ioctl.Size);
        if (ioctl.Argument is null)
            json.WriteNull("arg");
        else
            json.WriteString("arg", ioctl.Argument.Spelling);
        var scope = ioctl.Scope switch
        {
            IoctlScope.System => "system",
            IoctlScope.Vm => "vm",
            IoctlScope.Vcpu => "vcpu",
            IoctlScope.Device => "device",
            _ => null,
        };
        if (scope is null)
            json.WriteNull("scope");
        else
            json.WriteString("scope", scope);
        json.WriteStartArray("requires");
        foreach (var capability in ioctl.RequiredCapabilities)
            json.WriteStringValue(capability);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteEnum(Utf8JsonWriter json, EnumModel model)
    {
        json.WriteStartObject();
        WriteStringOrNull(json, "tag", model.Tag);
        WriteStringOrNull(json, "typedef", model.TypedefName);
        json.WriteString("underlying", model.Underlying.Spelling());
        json.WriteStartObject("enumerators");
        foreach (var enumerator in model.Enumerators)
            json.WriteNumber(enumerator.Name, enumerator.Value);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteDimensions(Utf8JsonWriter json, EquatableArray<long> dimensions)
    {
        json.WriteStartArray("array");
        foreach (var dimension in dimensions)
            json.WriteNumberValue(dimension);
        json.WriteEndArray();
    }

    private static void WriteStringOrNull(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
            json.WriteNull(name);
        else
            json.WriteString(name, value);
    }
}
