namespace MicroVm.Devices;

/// <summary>
/// Connects the UART to this process: transmitted bytes go to standard output, written out at each newline (and when
/// the buffer fills) so that a reader sees whole lines as they come; standard input is read on its own thread and fed
/// to the receive FIFO as the guest drains it.
/// </summary>
internal sealed class SerialConsole : IDisposable
{
    private readonly Stream _output;
    private readonly byte[] _line = new byte[4096];
    private readonly object _lock = new();
    private int _length;

    /// <summary>Writes to <paramref name="output"/>.</summary>
    public SerialConsole(Stream output) => _output = output;

    /// <summary>One byte from the guest.</summary>
    public void Write(byte value)
    {
        lock (_lock)
        {
            _line[_length++] = value;
            if (value == (byte)'\n' || _length == _line.Length)
                FlushLocked();
        }
    }

    /// <summary>Writes out what is buffered.</summary>
    public void Flush()
    {
        lock (_lock)
            FlushLocked();
    }

    /// <summary>Starts a background thread that copies <paramref name="input"/> into <paramref name="uart"/> until end of input.</summary>
    public static Thread PumpInput(Stream input, Serial16550 uart)
    {
        var thread = new Thread(() =>
        {
            var buffer = new byte[256];
            try
            {
                int read;
                while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
                {
                    var pending = buffer.AsSpan(0, read);
                    while (pending.Length > 0)
                    {
                        var taken = uart.Receive(pending);
                        pending = pending[taken..];
                        // The FIFO is full: the guest reads it at its own pace.
                        if (pending.Length > 0)
                            Thread.Sleep(1);
                    }
                }
            }
            catch (IOException)
            {
                // Standard input closed under us: nothing more to send.
            }
        })
        { IsBackground = true, Name = "serial input" };
        thread.Start();
        return thread;
    }

    /// <inheritdoc />
    public void Dispose() => Flush();

    private void FlushLocked()
    {
        if (_length == 0)
            return;
        _output.Write(_line, 0, _length);
        _output.Flush();
        _length = 0;
    }
}
