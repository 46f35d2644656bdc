namespace MicroVm.Firmware;

/// <summary>The byte checksum of the MP spec and of ACPI: the bytes of a structure, checksum included, sum to 0 mod 256.</summary>
internal static class Checksum
{
    /// <summary>The sum of <paramref name="bytes"/> mod 256.</summary>
    public static byte Sum(ReadOnlySpan<byte> bytes)
    {
        byte sum = 0;
        foreach (var b in bytes)
            sum += b;
        return sum;
    }

    /// <summary>Sets <paramref name="bytes"/>[<paramref name="at"/>] so that the whole span sums to 0.</summary>
    public static void Fix(Span<byte> bytes, int at)
    {
        bytes[at] = 0;
        bytes[at] = (byte)(0x100 - Sum(bytes));
    }
}
