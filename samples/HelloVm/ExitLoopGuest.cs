using System.Buffers.Binary;

namespace HelloVm;

/// <summary>
/// The exit-cost guest: 16-bit real-mode code, loaded at 0000:1000, that writes AL to port 0x10 N times
/// (one port-I/O exit each) and halts. Nothing else happens between two exits, so the time per exit is
/// the round trip KVM_RUN -> guest -> exit to user space -> VMM. bench/exits/vmm.c runs the same bytes.
/// </summary>
internal static class ExitLoopGuest
{
    /// <summary>The port the guest writes to: one that no device in the kernel claims, so every write exits.</summary>
    public const ushort Port = 0x10;

    // Where N goes: the imm32 of mov ecx.
    private const int CountOffset = 5;

    /// <summary>The code with <paramref name="exitCount"/> (at least 1) as N.</summary>
    public static byte[] Code(uint exitCount)
    {
        byte[] code =
        [
            0xBA, 0x10, 0x00,               // 1000: mov dx, 0x10   ; the port
            0x66, 0xB9, 0, 0, 0, 0,         // 1003: mov ecx, N     ; 0x66: a 32-bit operand in 16-bit code; N patched below
            0xEE,                           // 1009: out dx, al     ; one VM exit
            0x66, 0x49,                     // 100A: dec ecx
            0x75, 0xFB,                     // 100C: jnz 0x1009     ; 100E - 5
            0xF4,                           // 100E: hlt            ; after the N-th exit
        ];
        BinaryPrimitives.WriteUInt32LittleEndian(code.AsSpan(CountOffset), exitCount);
        return code;
    }
}
