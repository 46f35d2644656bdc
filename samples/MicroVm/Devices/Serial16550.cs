namespace MicroVm.Devices;

/// <summary>
/// A 16550A UART as the guest's 8250 driver sees it (register set and bits from the National Semiconductor PC16550D
/// data sheet, the names the kernel's include/uapi/linux/serial_reg.h gives them): what the guest transmits goes to
/// <see cref="Output"/> at once, so the transmitter is always empty; bytes given to <see cref="Receive"/> wait in the
/// receive FIFO. Interrupts (received data, transmitter empty) are raised through <see cref="RaiseInterrupt"/> on
/// each edge of the interrupt output, which suits an edge-triggered ISA line such as IRQ 4.
/// Thread-safe: the vCPU threads and the console's reader thread share it.
/// </summary>
internal sealed class Serial16550 : IPortDevice
{
    // Register offsets (serial_reg.h).
    public const int Data = 0;            // UART_RX / UART_TX; UART_DLL with DLAB
    public const int InterruptEnable = 1; // UART_IER; UART_DLM with DLAB
    public const int InterruptId = 2;     // UART_IIR (read) / UART_FCR (write)
    public const int LineControl = 3;     // UART_LCR
    public const int ModemControl = 4;    // UART_MCR
    public const int LineStatus = 5;      // UART_LSR
    public const int ModemStatus = 6;     // UART_MSR
    public const int Scratch = 7;         // UART_SCR

    public const byte IerReceivedData = 0x01;   // UART_IER_RDI
    public const byte IerTransmitEmpty = 0x02;  // UART_IER_THRI
    public const byte IirNoInterrupt = 0x01;    // UART_IIR_NO_INT
    public const byte IirTransmitEmpty = 0x02;  // UART_IIR_THRI
    public const byte IirReceivedData = 0x04;   // UART_IIR_RDI
    public const byte IirFifosEnabled = 0xC0;   // both FIFO bits of a 16550A with FCR bit 0 set
    public const byte FcrEnableFifo = 0x01;     // UART_FCR_ENABLE_FIFO
    public const byte LcrDivisorLatch = 0x80;   // UART_LCR_DLAB
    public const byte McrDtr = 0x01, McrRts = 0x02, McrOut1 = 0x04, McrOut2 = 0x08, McrLoop = 0x10;
    public const byte LsrDataReady = 0x01;      // UART_LSR_DR
    public const byte LsrTransmitEmpty = 0x20;  // UART_LSR_THRE
    public const byte LsrTransmitterIdle = 0x40; // UART_LSR_TEMT
    public const byte MsrCts = 0x10, MsrDsr = 0x20, MsrRi = 0x40, MsrDcd = 0x80;

    private const int ReceiveFifoSize = 64;

    private readonly object _lock = new();
    private readonly Queue<byte> _received = new();
    private readonly Action<byte> _output;
    private readonly Action _raiseInterrupt;
    private byte _ier, _lcr, _mcr = McrOut2, _scratch, _fcr, _dll = 0x0C, _dlm;
    private bool _transmitEmptyPending;
    private bool _interruptLine;

    /// <summary>A UART whose transmitted bytes go to <paramref name="output"/> and whose interrupt edges call <paramref name="raiseInterrupt"/>.</summary>
    public Serial16550(Action<byte> output, Action raiseInterrupt)
    {
        _output = output;
        _raiseInterrupt = raiseInterrupt;
    }

    /// <summary>Whether the interrupt output is asserted (IIR has an interrupt pending).</summary>
    public bool InterruptAsserted
    {
        get
        {
            lock (_lock)
                return _interruptLine;
        }
    }

    /// <summary>Puts bytes from the console into the receive FIFO; what does not fit is dropped, as an overrun would.</summary>
    /// <returns>How many bytes were taken.</returns>
    public int Receive(ReadOnlySpan<byte> bytes)
    {
        var taken = 0;
        bool raise;
        lock (_lock)
        {
            foreach (var b in bytes)
            {
                if (_received.Count == ReceiveFifoSize)
                    break;
                _received.Enqueue(b);
                taken++;
            }
            raise = UpdateInterrupt();
        }
        if (raise)
            _raiseInterrupt();
        return taken;
    }

    /// <summary>How many received bytes the guest has not read yet.</summary>
    public int PendingInput
    {
        get
        {
            lock (_lock)
                return _received.Count;
        }
    }

    /// <inheritdoc />
    public void Read(ushort offset, Span<byte> data)
    {
        bool raise;
        lock (_lock)
        {
            data.Clear();
            data[0] = ReadRegister(offset);
            raise = UpdateInterrupt();
        }
        if (raise)
            _raiseInterrupt();
    }

    /// <inheritdoc />
    public void Write(ushort offset, ReadOnlySpan<byte> data)
    {
        bool raise;
        byte? transmitted;
        lock (_lock)
        {
            transmitted = WriteRegister(offset, data[0]);
            raise = UpdateInterrupt();
        }
        if (transmitted is { } b)
            _output(b);
        if (raise)
            _raiseInterrupt();
    }

    private byte ReadRegister(ushort offset)
    {
        var dlab = (_lcr & LcrDivisorLatch) != 0;
        switch (offset)
        {
            case Data when dlab:
                return _dll;
            case Data:
                // In loopback the transmitter feeds the receiver; either way a read takes the oldest byte.
                return _received.Count > 0 ? _received.Dequeue() : (byte)0;
            case InterruptEnable when dlab:
                return _dlm;
            case InterruptEnable:
                return _ier;
            case InterruptId:
                var id = InterruptIdentification();
                // Reading IIR while it reports the transmitter empty acknowledges that interrupt (data sheet, table IV).
                if (id == IirTransmitEmpty)
                    _transmitEmptyPending = false;
                return (byte)(id | ((_fcr & FcrEnableFifo) != 0 ? IirFifosEnabled : 0));
            case LineControl:
                return _lcr;
            case ModemControl:
                return _mcr;
            case LineStatus:
                return (byte)(LsrTransmitEmpty | LsrTransmitterIdle | (_received.Count > 0 ? LsrDataReady : 0));
            case ModemStatus:
                // In loopback the modem inputs are wired to the outputs: CTS=RTS, DSR=DTR, RI=OUT1, DCD=OUT2. The 8250
                // driver's autoconfig tests exactly this. Otherwise a cable with a ready peer: DCD, DSR, CTS.
                if ((_mcr & McrLoop) != 0)
                    return (byte)(((_mcr & McrRts) != 0 ? MsrCts : 0) | ((_mcr & McrDtr) != 0 ? MsrDsr : 0)
                        | ((_mcr & McrOut1) != 0 ? MsrRi : 0) | ((_mcr & McrOut2) != 0 ? MsrDcd : 0));
                return MsrDcd | MsrDsr | MsrCts;
            case Scratch:
                return _scratch;
            default:
                return 0xFF;
        }
    }

    private byte? WriteRegister(ushort offset, byte value)
    {
        var dlab = (_lcr & LcrDivisorLatch) != 0;
        switch (offset)
        {
            case Data when dlab:
                _dll = value;
                return null;
            case Data:
                // The byte leaves at once, so the transmitter is empty again: a new THRE interrupt if enabled.
                _transmitEmptyPending = true;
                if ((_mcr & McrLoop) != 0)
                {
                    if (_received.Count < ReceiveFifoSize)
                        _received.Enqueue(value);
                    return null;
                }
                return value;
            case InterruptEnable when dlab:
                _dlm = value;
                return null;
            case InterruptEnable:
                // Enabling THRI with the transmitter empty raises it at once (data sheet; the 8250 driver relies on it).
                if ((value & IerTransmitEmpty) != 0 && (_ier & IerTransmitEmpty) == 0)
                    _transmitEmptyPending = true;
                _ier = (byte)(value & 0x0F);
                return null;
            case InterruptId:
                _fcr = value;
                // FCR bit 1 clears the receive FIFO.
                if ((value & 0x02) != 0)
                    _received.Clear();
                return null;
            case LineControl:
                _lcr = value;
                return null;
            case ModemControl:
                _mcr = (byte)(value & 0x1F);
                return null;
            case Scratch:
                _scratch = value;
                return null;
            default:
                return null;
        }
    }

    private byte InterruptIdentification()
    {
        if ((_ier & IerReceivedData) != 0 && _received.Count > 0)
            return IirReceivedData;
        if ((_ier & IerTransmitEmpty) != 0 && _transmitEmptyPending)
            return IirTransmitEmpty;
        return IirNoInterrupt;
    }

    /// <summary>Recomputes the interrupt output; true on a rising edge, which the caller signals outside the lock.</summary>
    private bool UpdateInterrupt()
    {
        // OUT2 gates the interrupt output onto the ISA bus on a PC (the 8250 driver sets it to enable interrupts).
        var asserted = InterruptIdentification() != IirNoInterrupt && (_mcr & McrOut2) != 0 && (_mcr & McrLoop) == 0;
        var rising = asserted && !_interruptLine;
        _interruptLine = asserted;
        return rising;
    }
}
