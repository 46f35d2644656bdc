using MicroVm.Devices;
using Xunit;

namespace KvmSharp.Tests.MicroVm;

/// <summary>
/// The UART's registers as the PC16550D data sheet defines them and the kernel's 8250 driver probes them
/// (drivers/tty/serial/8250/8250_port.c, autoconfig: the scratch register, IER, the loopback test of the modem lines,
/// the FIFO bits of IIR), with values written as the data sheet gives them rather than through the device's constants.
/// </summary>
public sealed class Serial16550Tests
{
    private readonly List<byte> output = [];
    private int interrupts;
    private readonly Serial16550 uart;

    public Serial16550Tests() => uart = new Serial16550(output.Add, () => interrupts++);

    private byte In(int register)
    {
        var data = new byte[1];
        uart.Read((ushort)register, data);
        return data[0];
    }

    private void Out(int register, byte value) => uart.Write((ushort)register, [value]);

    [Fact]
    public void After_reset_the_transmitter_is_empty_and_no_interrupt_is_pending()
    {
        Assert.Equal(0x60, In(5));     // LSR: THRE | TEMT
        Assert.Equal(0x01, In(2));     // IIR: no interrupt pending
        Assert.Equal(0x00, In(1));     // IER
    }

    [Fact]
    public void The_scratch_register_and_the_divisor_latch_keep_what_is_written()
    {
        Out(7, 0xA5);
        Assert.Equal(0xA5, In(7));
        Out(3, 0x80);                  // LCR: DLAB
        Out(0, 0x01);                  // DLL: 115200 baud
        Out(1, 0x00);                  // DLM
        Assert.Equal(0x01, In(0));
        Assert.Equal(0x00, In(1));
        Out(3, 0x03);                  // 8N1, DLAB off
        Assert.Equal(0x03, In(3));
        Assert.Empty(output);          // DLL writes are not data
    }

    [Fact]
    public void Loopback_wires_the_modem_outputs_to_the_inputs_as_autoconfig_checks()
    {
        Out(4, 0x10 | 0x0A);           // MCR: LOOP | RTS | OUT2, as 8250 autoconfig writes it
        Assert.Equal(0x90, In(6) & 0xF0); // MSR: DCD | CTS, what autoconfig expects
        Out(4, 0x10 | 0x05);           // LOOP | DTR | OUT1
        Assert.Equal(0x60, In(6) & 0xF0); // DSR | RI
        Out(0, (byte)'x');             // in loopback a transmitted byte is received, not sent
        Assert.Empty(output);
        Assert.Equal(0x01, In(5) & 0x01); // LSR: data ready
        Assert.Equal((byte)'x', In(0));
    }

    [Fact]
    public void Transmitted_bytes_go_out_in_order()
    {
        foreach (var b in "ok\n"u8)
            Out(0, b);
        Assert.Equal("ok\n"u8.ToArray(), output);
    }

    [Fact]
    public void Enabling_THRI_with_the_transmitter_empty_interrupts_at_once_and_reading_IIR_acknowledges_it()
    {
        Out(4, 0x08);                  // MCR: OUT2, which gates the interrupt onto the bus
        Out(1, 0x02);                  // IER: THRI
        Assert.Equal(1, interrupts);
        Assert.Equal(0x02, In(2));     // IIR: THRE
        Assert.Equal(0x01, In(2));     // acknowledged by that read
        Out(0, (byte)'a');             // the transmitter empties again: a new interrupt
        Assert.Equal(2, interrupts);
        Assert.Equal(0x02, In(2));
    }

    [Fact]
    public void Without_OUT2_the_interrupt_does_not_reach_the_bus()
    {
        Out(4, 0x00);
        Out(1, 0x02);
        Assert.Equal(0, interrupts);
        Assert.Equal(0x02, In(2));     // but IIR still reports it
    }

    [Fact]
    public void Received_bytes_set_data_ready_and_interrupt_before_THRE()
    {
        Out(4, 0x08);
        Out(1, 0x01 | 0x02);           // RDI | THRI
        interrupts = 0;
        In(2);                         // acknowledge THRE
        Assert.Equal(2, uart.Receive("hi"u8));
        Assert.Equal(1, interrupts);
        Assert.Equal(0x04, In(2));     // IIR: received data, the higher priority
        Assert.Equal(0x01, In(5) & 0x01);
        Assert.Equal((byte)'h', In(0));
        Assert.Equal((byte)'i', In(0));
        Assert.Equal(0x00, In(5) & 0x01);
        Assert.Equal(0x01, In(2));
    }

    [Fact]
    public void With_FIFOs_enabled_IIR_shows_both_FIFO_bits_and_FCR_can_clear_the_receive_FIFO()
    {
        Out(2, 0x01);                  // FCR: enable FIFOs
        Assert.Equal(0xC1, In(2));     // 16550A: bits 7:6 set; no interrupt
        uart.Receive("abc"u8);
        Out(2, 0x01 | 0x02);           // clear the receive FIFO
        Assert.Equal(0x00, In(5) & 0x01);
    }
}
