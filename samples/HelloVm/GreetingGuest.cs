namespace HelloVm;

/// <summary>
/// The greeting guest: 16-bit real-mode code, loaded at 0000:1000, that writes "Hello from a KVM guest!"
/// and a newline to the COM1 data port one byte at a time (one port-I/O exit each) and halts (one more exit).
/// </summary>
internal static class GreetingGuest
{
    /// <summary>COM1's data register: what a PC guest writes to for its serial console.</summary>
    public const ushort SerialPort = 0x3f8;

    // Each line: the bytes, the guest-physical address they load at, the instruction. Jumps are relative
    // to the next instruction: 0x74 0x03 at 100A goes to 100C + 3 = 100F, 0xEB 0xF8 at 100D to 100F - 8 = 1007.
    public static ReadOnlySpan<byte> Code =>
    [
        0xBA, 0xF8, 0x03,       // 1000: mov dx, 0x3f8    ; the port, for every out below
        0xBE, 0x10, 0x10,       // 1003: mov si, 0x1010   ; DS:SI -> the message (DS = 0)
        0xFC,                   // 1006: cld              ; lodsb walks forwards
        0xAC,                   // 1007: lodsb            ; al = [ds:si], si += 1
        0x84, 0xC0,             // 1008: test al, al      ; the NUL after the message?
        0x74, 0x03,             // 100A: jz 0x100f        ; then to the hlt
        0xEE,                   // 100C: out dx, al       ; one byte to the serial port: one VM exit
        0xEB, 0xF8,             // 100D: jmp 0x1007       ; next byte
        0xF4,                   // 100F: hlt              ; done: the last VM exit
        // 1010: db "Hello from a KVM guest!", 0x0A, 0
        (byte)'H', (byte)'e', (byte)'l', (byte)'l', (byte)'o', (byte)' ',
        (byte)'f', (byte)'r', (byte)'o', (byte)'m', (byte)' ',
        (byte)'a', (byte)' ',
        (byte)'K', (byte)'V', (byte)'M', (byte)' ',
        (byte)'g', (byte)'u', (byte)'e', (byte)'s', (byte)'t', (byte)'!',
        0x0A,                   // the newline
        0x00,                   // the end of the message, for the test al, al
    ];
}
