namespace MicroVm.Devices;

/// <summary>A device on the I/O port bus: reads and writes of one access (1, 2 or 4 bytes) at an offset from its base.</summary>
internal interface IPortDevice
{
    /// <summary>The guest reads <paramref name="data"/>.Length bytes at <paramref name="offset"/>; the device fills <paramref name="data"/>.</summary>
    void Read(ushort offset, Span<byte> data);

    /// <summary>The guest writes <paramref name="data"/> at <paramref name="offset"/>.</summary>
    void Write(ushort offset, ReadOnlySpan<byte> data);
}
