using KvmSharp.Interop;

namespace KvmSharp;

/// <summary>
/// A vCPU's own thread, with a kick that never loses a wake-up: <see cref="Kick"/> from any thread makes the
/// vCPU's current or next <c>KVM_RUN</c> return with EINTR, so the loop can see a request (stop, an interrupt
/// window, a paused VM) without waiting for the guest's next exit.
/// </summary>
/// <remarks>
/// <para>The kick is the one KVM documents (api.rst, <c>immediate_exit</c>): set <c>kvm_run.immediate_exit</c>, then
/// send the thread a signal. A run that is starting returns at once because of the flag; a run in progress is
/// interrupted by the signal; a thread between runs finds the flag on its next one. The flag stays set until the
/// loop calls <see cref="AcknowledgeKick"/>, which clears it before the loop reads its requests, so a kick that
/// lands in between sets it again and is seen on the next run.</para>
/// <para>The signal is <c>SIGRTMIN + 4</c> (.NET's runtime uses SIGRTMIN itself) with a handler that does nothing:
/// a handler must exist, because an ignored signal is discarded without interrupting the ioctl. The handler is a
/// C function of the C library that takes no arguments, has no effect and is async-signal-safe, so no managed code
/// ever runs in signal context.</para>
/// <para>The runtime knows no KVM layout, so where <c>immediate_exit</c> lives comes from the generated code:
/// pass the generated <c>vcpu.SetImmediateExit</c>.</para>
/// </remarks>
public sealed class KvmVcpuThread : IDisposable
{
    private static readonly Lazy<int> KickSignalNumber = new(InstallKickHandler);

    private readonly Action<bool> _setImmediateExit;
    private readonly Action<KvmVcpuThread> _body;
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _started = new();
    private readonly object _signalLock = new();
    private nuint _pthread;
    private volatile bool _stopRequested;
    private bool _exited;
    private int _kicks;

    /// <summary>Creates the thread; <see cref="Start"/> runs <paramref name="body"/> on it.</summary>
    /// <param name="vcpu">The vCPU the thread runs.</param>
    /// <param name="setImmediateExit">Sets or clears the vCPU's <c>kvm_run.immediate_exit</c>: the generated <c>vcpu.SetImmediateExit</c>.</param>
    /// <param name="body">The run loop: runs the vCPU until <see cref="StopRequested"/>, calling <see cref="AcknowledgeKick"/> after an interrupted run.</param>
    /// <param name="name">The thread's name, for debuggers and dumps.</param>
    public KvmVcpuThread(KvmVcpu vcpu, Action<bool> setImmediateExit, Action<KvmVcpuThread> body, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(vcpu);
        ArgumentNullException.ThrowIfNull(setImmediateExit);
        ArgumentNullException.ThrowIfNull(body);
        Vcpu = vcpu;
        _setImmediateExit = setImmediateExit;
        _body = body;
        _thread = new Thread(Main) { IsBackground = true, Name = name ?? "vCPU" };
        _ = KickSignalNumber.Value;
    }

    /// <summary>The vCPU this thread runs.</summary>
    public KvmVcpu Vcpu { get; }

    /// <summary>Whether <see cref="RequestStop"/> was called: the loop should return.</summary>
    public bool StopRequested => _stopRequested;

    /// <summary>What the body threw, if it threw; <see cref="Join"/> rethrows nothing, the caller decides.</summary>
    public Exception? Failure { get; private set; }

    /// <summary>How many kicks the loop has acknowledged (a kick that found the flag already set counts once).</summary>
    public int AcknowledgedKicks => Volatile.Read(ref _kicks);

    /// <summary>The signal number of the kick (<c>SIGRTMIN + 4</c>).</summary>
    public static int KickSignal => KickSignalNumber.Value;

    /// <summary>Starts the thread and waits until it can be kicked.</summary>
    public void Start()
    {
        _thread.Start();
        _started.Wait();
    }

    /// <summary>
    /// Makes the vCPU's current run, or its next one, return with EINTR (<c>IsInterrupted</c>). Safe from any thread,
    /// any number of times; a kick before <see cref="Start"/> or after the loop returned only sets the flag.
    /// </summary>
    public void Kick()
    {
        // The flag first: a thread that takes the signal just before entering KVM_RUN still finds it there.
        _setImmediateExit(true);
        // Under the lock the thread cannot finish in between: signalling a thread that has exited is undefined.
        lock (_signalLock)
        {
            if (_pthread != 0 && !_exited)
                LibC.PthreadKill(_pthread, KickSignalNumber.Value);
        }
    }

    /// <summary>Asks the loop to return and kicks it.</summary>
    public void RequestStop()
    {
        _stopRequested = true;
        Kick();
    }

    /// <summary>
    /// For the loop, after a run came back interrupted: clears <c>immediate_exit</c> so the next run enters the guest.
    /// Read requests (such as <see cref="StopRequested"/>) after this call, never before, or a kick may be lost.
    /// </summary>
    public void AcknowledgeKick()
    {
        _setImmediateExit(false);
        Interlocked.Increment(ref _kicks);
    }

    /// <summary>Waits for the loop to return.</summary>
    /// <param name="timeout">How long to wait; infinite by default.</param>
    /// <returns>Whether it returned.</returns>
    public bool Join(TimeSpan? timeout = null) => _thread.Join(timeout ?? Timeout.InfiniteTimeSpan);

    /// <summary>Stops the loop and waits for it.</summary>
    public void Dispose()
    {
        if (_started.IsSet)
        {
            RequestStop();
            _thread.Join();
        }
        _started.Dispose();
    }

    private void Main()
    {
        lock (_signalLock)
            _pthread = LibC.PthreadSelf();
        _started.Set();
        try
        {
            _body(this);
        }
        catch (Exception e)
        {
            Failure = e;
        }
        finally
        {
            lock (_signalLock)
                _exited = true;
        }
    }

    private static unsafe int InstallKickHandler()
    {
        var signal = LibC.CurrentSignalRealtimeMin() + 4;
        // struct sigaction of glibc and musl on the LP64 targets: sa_handler at 0, sa_mask (128 bytes) at 8, sa_flags
        // (int) at 136, sa_restorer at 144; 152 bytes. Flags 0: no SA_RESTART, so an interrupted ioctl returns EINTR.
        var action = stackalloc byte[152];
        new Span<byte>(action, 152).Clear();
        *(nint*)action = NoOpHandler();
        if (LibC.SigAction(signal, action, null) != 0)
            throw new KvmException("sigaction(SIGRTMIN+4)", System.Runtime.InteropServices.Marshal.GetLastPInvokeError());
        return signal;
    }

    // The handler: __libc_current_sigrtmin takes no arguments (the signal number in the first argument register is
    // ignored), only returns a constant, and touches no state, so calling it as void (*)(int) in signal context is a no-op.
    private static nint NoOpHandler()
    {
        // glibc's soname, else what "libc" resolves to (musl).
        if (!System.Runtime.InteropServices.NativeLibrary.TryLoad("libc.so.6", out var libc))
            libc = System.Runtime.InteropServices.NativeLibrary.Load("libc");
        return System.Runtime.InteropServices.NativeLibrary.GetExport(libc, "__libc_current_sigrtmin");
    }
}
