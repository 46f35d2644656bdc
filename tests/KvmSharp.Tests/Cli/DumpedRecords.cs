using System.Text.Json;
using Xunit;

namespace KvmSharp.Tests.Cli;

/// <summary>Finds members in the dump's "records" the way C names them, through anonymous struct/union members.</summary>
internal static class DumpedRecords
{
    /// <summary>The record keyed <paramref name="key"/> in <c>records</c>.</summary>
    public static JsonElement Record(JsonElement dump, string key)
    {
        Assert.True(dump.GetProperty("records").TryGetProperty(key, out var record), $"no record '{key}' in the dump");
        return record;
    }

    /// <summary>
    /// The member <paramref name="name"/> of <paramref name="record"/> and its offset from the record's start,
    /// as <c>offsetof</c> gives it: members of anonymous records count as members of the enclosing one.
    /// </summary>
    public static (JsonElement Field, long Offset) Member(JsonElement record, string name)
    {
        var found = TryMember(record, name, 0);
        Assert.True(found is not null, $"no member '{name}' in {record}");
        return found!.Value;
    }

    private static (JsonElement Field, long Offset)? TryMember(JsonElement record, string name, long baseOffset)
    {
        foreach (var field in record.GetProperty("fields").EnumerateArray())
        {
            var offset = baseOffset + field.GetProperty("offset").GetInt64();
            if (field.GetProperty("name").ValueKind == JsonValueKind.String && field.GetProperty("name").GetString() == name)
                return (field, offset);
            if (field.TryGetProperty("anonymous", out _) && TryMember(field.GetProperty("record"), name, offset) is { } inner)
                return inner;
        }
        return null;
    }
}
