namespace MicroVm.Devices;

/// <summary>
/// The CMOS RTC at ports 0x70 (index) and 0x71 (data), as the MC146818 data sheet lays out its registers: the
/// host's current UTC time in BCD, 24-hour mode, never mid-update (status A's UIP clear), the battery good (status D's
/// VRT). Linux reads it once at boot for the wall clock; the alarm, periodic and update interrupts are not offered.
/// Other CMOS bytes read as 0.
/// </summary>
internal sealed class CmosClock(Func<DateTime> utcNow) : IPortDevice
{
    public const byte Seconds = 0x00, Minutes = 0x02, Hours = 0x04, DayOfWeek = 0x06, DayOfMonth = 0x07, Month = 0x08, Year = 0x09;
    public const byte StatusA = 0x0A, StatusB = 0x0B, StatusC = 0x0C, StatusD = 0x0D, Century = 0x32;

    /// <summary>Status A: 32.768 kHz time base, 1024 Hz rate (0x26), update-in-progress clear.</summary>
    public const byte StatusAValue = 0x26;

    /// <summary>Status B: 24-hour mode (bit 1), BCD (bit 2 clear), no interrupts enabled.</summary>
    public const byte StatusBValue = 0x02;

    /// <summary>Status D: valid RAM and time (bit 7).</summary>
    public const byte StatusDValue = 0x80;

    private readonly object _lock = new();
    private byte _index;

    /// <summary>A clock that reads the host's time.</summary>
    public CmosClock()
        : this(() => DateTime.UtcNow)
    {
    }

    /// <inheritdoc />
    public void Read(ushort offset, Span<byte> data)
    {
        data.Clear();
        lock (_lock)
            data[0] = offset == 1 ? Register(_index) : _index;
    }

    /// <inheritdoc />
    public void Write(ushort offset, ReadOnlySpan<byte> data)
    {
        lock (_lock)
        {
            // Bit 7 of the index port is the NMI mask on a PC, not part of the index.
            if (offset == 0)
                _index = (byte)(data[0] & 0x7F);
        }
    }

    /// <summary>The value of CMOS register <paramref name="index"/> now.</summary>
    public byte Register(byte index)
    {
        var now = utcNow();
        return index switch
        {
            Seconds => Bcd(now.Second),
            Minutes => Bcd(now.Minute),
            Hours => Bcd(now.Hour),
            DayOfWeek => Bcd((int)now.DayOfWeek + 1),
            DayOfMonth => Bcd(now.Day),
            Month => Bcd(now.Month),
            Year => Bcd(now.Year % 100),
            Century => Bcd(now.Year / 100),
            StatusA => StatusAValue,
            StatusB => StatusBValue,
            StatusD => StatusDValue,
            _ => 0,
        };
    }

    private static byte Bcd(int value) => (byte)(((value / 10) << 4) | (value % 10));
}
