using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace KvmSharp.Tests.Runtime;

/// <summary>
/// Bytes standing in for a KVM struct until generated structs exist: the tests fill fields at the
/// offsets the C compiler printed, in native byte order, and pass the whole thing to the typed ioctl
/// methods. The kernel copies only the struct's own size (encoded in the request), so a larger buffer is
/// harmless; tests assert the struct fits.
/// </summary>
[InlineArray(Capacity)]
internal struct RawStruct
{
    public const int Capacity = 64;

    private byte _first;

    public void WriteUInt32(int offset, uint value) => MemoryMarshal.Write(Bytes[offset..], in value);

    public void WriteUInt64(int offset, ulong value) => MemoryMarshal.Write(Bytes[offset..], in value);

    public readonly uint ReadUInt32(int offset) => MemoryMarshal.Read<uint>(ReadOnlyBytes[offset..]);

    private Span<byte> Bytes => MemoryMarshal.CreateSpan(ref _first, Capacity);

    private readonly ReadOnlySpan<byte> ReadOnlyBytes => MemoryMarshal.CreateReadOnlySpan(in _first, Capacity);
}
