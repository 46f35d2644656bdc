using System.Collections.Immutable;
using System.Text;
using KvmSharp.Cli;
using KvmSharp.Generator.Diagnostics;
using KvmSharp.Generator.Model;
using Xunit;

namespace KvmSharp.Tests.Cli;

/// <summary>
/// The JSON shape of <c>kvmgen dump</c>, on a model built by hand so that every optional key shows up and
/// the expected text can be written down in full.
/// </summary>
public sealed class ModelJsonTests
{
    private static readonly SourceLocation At = new("/usr/include/linux/kvm.h", 7, 3);

    private static readonly TypeReference U8 = new("__u8", TypeCategory.Integer, 1, 1, CIntegerKind.UnsignedChar);
    private static readonly TypeReference U32 = new("__u32", TypeCategory.Integer, 4, 4, CIntegerKind.UnsignedInt);
    private static readonly TypeReference U64 = new("__u64", TypeCategory.Integer, 8, 8, CIntegerKind.UnsignedLongLong);
    private static readonly TypeReference Entry = new("struct kvm_msr_entry", TypeCategory.Record, 16, 8, RecordKey: "kvm_msr_entry");

    private static EquatableArray<T> Array<T>(params T[] items) where T : IEquatable<T> => items.ToImmutableArray();

    private static FieldModel Field(string? name, long offset, long size, TypeReference type, long[]? dimensions = null,
        FlexibleArrayKind flexible = FlexibleArrayKind.None, RecordModel? inline = null, int? bitOffset = null, int? bitWidth = null)
        => new(name, offset, size, type, Array(dimensions ?? System.Array.Empty<long>()), flexible, inline, bitOffset, bitWidth, At, null);

    private static RecordModel Record(string? tag, RecordKind kind, long size, int align, bool packed, params FieldModel[] fields)
        => new(tag, null, kind, size, align, Array(fields), packed, At, null);

    private static HeaderModel SampleModel()
    {
        var bitfields = Record(null, RecordKind.Struct, 8, 1, false,
            Field("vector", 0, 1, U8),
            Field("mask", 2, 1, U8, bitOffset: 16, bitWidth: 1));
        var entry = Record(null, RecordKind.Union, 8, 8, false,
            Field("bits", 0, 8, U64),
            Field("fields", 0, 8, new TypeReference("struct (unnamed)", TypeCategory.Record, 8, 1), inline: bitfields));
        var ioapic = Record("kvm_ioapic_state", RecordKind.Struct, 24, 8, false,
            Field("redirtbl", 0, 24, new TypeReference("union (unnamed)", TypeCategory.Record, 8, 8), new long[] { 3 }, inline: entry));
        var anonymous = Record(null, RecordKind.Union, 4, 4, false, Field("a", 0, 4, U32));
        var msrs = Record("kvm_msrs", RecordKind.Struct, 8, 8, true,
            Field(null, 0, 4, new TypeReference("union (anonymous)", TypeCategory.Record, 4, 4), inline: anonymous),
            Field("entries", 8, 0, Entry, new long[] { 0 }, FlexibleArrayKind.Incomplete),
            Field("old", 8, 0, Entry, new long[] { 0 }, FlexibleArrayKind.ZeroLength));
        var kvmMsrs = new TypeReference("struct kvm_msrs", TypeCategory.Record, 8, 8, RecordKey: "kvm_msrs");

        return new HeaderModel(
            "x86_64", CharIsSigned: true, IsBigEndian: false,
            Constants: Array(
                new ConstantModel("KVM_RUN", 0xAE80, CIntegerKind.UnsignedLong, At, null),
                new ConstantModel("MINUS_ONE", ulong.MaxValue, CIntegerKind.Int, At, "/* -1 */")),
            NonConstants: Array(new NonConstantMacro("KVMIO_NAME", "expands to a string literal", At, null)),
            Records: Array(ioapic, msrs),
            Enums: Array(new EnumModel(null, null, CIntegerKind.UnsignedInt,
                Array(new EnumeratorModel("A", 0, At, null), new EnumeratorModel("B", 4294967295, At, null)), At, null)),
            Typedefs: Array(
                new TypedefModel("__u64", new TypeReference("unsigned long long", TypeCategory.Integer, 8, 8), Array<long>(), At),
                new TypedefModel("fsid", new TypeReference("int", TypeCategory.Integer, 4, 4), Array(2L), At)),
            Ioctls: Array(
                new IoctlModel("KVM_RUN", 0xAE80, IoctlDirection.None, 0xAE, 0x80, 0, null, IoctlScope.Vcpu, null, Array<string>(), At, null),
                new IoctlModel("KVM_GET_MSRS", 0xC008AE88, IoctlDirection.ReadWrite, 0xAE, 0x88, 8, kvmMsrs, IoctlScope.Unknown, null,
                    Array("KVM_CAP_A", "KVM_CAP_B"), At, null)),
            Diagnostics: Array(new HeaderDiagnostic(DiagnosticIds.Syntax, DiagnosticSeverity.Error, "expected ';' after \"x\"",
                SourceLocation.BuiltIn)),
            Files: Array("/usr/include/linux/kvm.h"));
    }

    [Fact]
    public void The_model_is_written_in_model_order_with_optional_keys_only_where_they_apply()
    {
        var text = Encoding.UTF8.GetString(ModelJson.ToUtf8(SampleModel()));

        Assert.Equal(ExpectedSampleJson, text);
    }

    [Fact]
    public void The_same_model_gives_the_same_bytes()
    {
        Assert.Equal(ModelJson.ToUtf8(SampleModel()), ModelJson.ToUtf8(SampleModel()));
    }

    private const string ExpectedSampleJson = """
        {
          "arch": "x86_64",
          "constants": {
            "KVM_RUN": 44672,
            "MINUS_ONE": 18446744073709551615
          },
          "records": {
            "kvm_ioapic_state": {
              "kind": "struct",
              "size": 24,
              "align": 8,
              "fields": [
                {
                  "name": "redirtbl",
                  "offset": 0,
                  "size": 24,
                  "array": [
                    3
                  ],
                  "record": {
                    "kind": "union",
                    "size": 8,
                    "align": 8,
                    "fields": [
                      {
                        "name": "bits",
                        "offset": 0,
                        "size": 8,
                        "type": "__u64"
                      },
                      {
                        "name": "fields",
                        "offset": 0,
                        "size": 8,
                        "record": {
                          "kind": "struct",
                          "size": 8,
                          "align": 1,
                          "fields": [
                            {
                              "name": "vector",
                              "offset": 0,
                              "size": 1,
                              "type": "__u8"
                            },
                            {
                              "name": "mask",
                              "offset": 2,
                              "size": 1,
                              "type": "__u8",
                              "bit_offset": 16,
                              "bit_width": 1
                            }
                          ]
                        }
                      }
                    ]
                  }
                }
              ]
            },
            "kvm_msrs": {
              "kind": "struct",
              "size": 8,
              "align": 8,
              "packed": true,
              "fields": [
                {
                  "name": null,
                  "anonymous": true,
                  "offset": 0,
                  "size": 4,
                  "record": {
                    "kind": "union",
                    "size": 4,
                    "align": 4,
                    "fields": [
                      {
                        "name": "a",
                        "offset": 0,
                        "size": 4,
                        "type": "__u32"
                      }
                    ]
                  }
                },
                {
                  "name": "entries",
                  "offset": 8,
                  "size": 0,
                  "type": "struct kvm_msr_entry",
                  "array": [
                    0
                  ],
                  "flexible": "incomplete"
                },
                {
                  "name": "old",
                  "offset": 8,
                  "size": 0,
                  "type": "struct kvm_msr_entry",
                  "array": [
                    0
                  ],
                  "flexible": "zero-length"
                }
              ]
            }
          },
          "ioctls": {
            "KVM_RUN": {
              "dir": "none",
              "type": 174,
              "nr": 128,
              "size": 0,
              "arg": null,
              "scope": "vcpu",
              "requires": []
            },
            "KVM_GET_MSRS": {
              "dir": "read_write",
              "type": 174,
              "nr": 136,
              "size": 8,
              "arg": "struct kvm_msrs",
              "scope": null,
              "requires": [
                "KVM_CAP_A",
                "KVM_CAP_B"
              ]
            }
          },
          "non_constants": {
            "KVMIO_NAME": {
              "reason": "expands to a string literal",
              "location": "/usr/include/linux/kvm.h:7:3"
            }
          },
          "enums": [
            {
              "tag": null,
              "typedef": null,
              "underlying": "unsigned int",
              "enumerators": {
                "A": 0,
                "B": 4294967295
              }
            }
          ],
          "typedefs": {
            "__u64": {
              "type": "unsigned long long"
            },
            "fsid": {
              "type": "int",
              "array": [
                2
              ]
            }
          },
          "diagnostics": [
            {
              "id": "KVMH0008",
              "severity": "error",
              "message": "expected ';' after \"x\"",
              "location": "<built-in>:1:1"
            }
          ]
        }

        """;
}
