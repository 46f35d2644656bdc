namespace MicroVm.Devices;

/// <summary>
/// The I/O port space: devices by port range. A port no device answers behaves as on a PC where nothing decodes it:
/// reads float to all ones, writes are lost. Lookups are a linear scan over a handful of ranges: no allocation.
/// </summary>
internal sealed class PortBus
{
    private readonly List<(ushort Base, ushort Length, IPortDevice Device)> _ranges = [];

    /// <summary>Puts <paramref name="device"/> at ports <paramref name="basePort"/> to <paramref name="basePort"/> + <paramref name="length"/> - 1.</summary>
    public void Add(ushort basePort, ushort length, IPortDevice device)
    {
        foreach (var range in _ranges)
        {
            if (basePort < range.Base + range.Length && range.Base < basePort + length)
                throw new ArgumentException($"ports 0x{basePort:x}-0x{basePort + length - 1:x} overlap 0x{range.Base:x}-0x{range.Base + range.Length - 1:x}");
        }
        _ranges.Add((basePort, length, device));
    }

    /// <summary>A guest IN of <paramref name="data"/>.Length bytes at <paramref name="port"/>.</summary>
    /// <returns>Whether a device answered (else <paramref name="data"/> is all ones).</returns>
    public bool Read(ushort port, Span<byte> data)
    {
        foreach (var (basePort, length, device) in _ranges)
        {
            if (port >= basePort && port < basePort + length)
            {
                device.Read((ushort)(port - basePort), data);
                return true;
            }
        }
        data.Fill(0xFF);
        return false;
    }

    /// <summary>A guest OUT of <paramref name="data"/> at <paramref name="port"/>.</summary>
    /// <returns>Whether a device took it.</returns>
    public bool Write(ushort port, ReadOnlySpan<byte> data)
    {
        foreach (var (basePort, length, device) in _ranges)
        {
            if (port >= basePort && port < basePort + length)
            {
                device.Write((ushort)(port - basePort), data);
                return true;
            }
        }
        return false;
    }
}
