namespace KvmSharp.Analyzers;

/// <summary>Compile-time constants as the kernel sees them: 64-bit patterns, negative values sign-extended.</summary>
internal static class ConstantValues
{
    public static ulong? ToUInt64(object? value) => value switch
    {
        byte b => b,
        sbyte sb => unchecked((ulong)sb),
        short s => unchecked((ulong)s),
        ushort us => us,
        int i => unchecked((ulong)i),
        uint ui => ui,
        long l => unchecked((ulong)l),
        ulong ul => ul,
        char c => c,
        bool z => z ? 1UL : 0UL,
        _ => null,
    };
}
