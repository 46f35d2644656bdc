using System.Runtime.InteropServices;

namespace KvmSharp.Tests.Wrappers;

/// <summary>
/// Kicks a thread out of <c>KVM_RUN</c> the way VMMs do: a signal sent to that thread, with a handler installed so
/// that it is delivered (and so interrupts the ioctl with EINTR) instead of being ignored or killing the process.
/// SIGURG because its default action is to ignore it: a kick that lands after the handler is gone is harmless.
/// </summary>
internal sealed class ThreadKick : IDisposable
{
    // SIGURG is 23 on every Linux target KvmSharp has (asm-generic numbering, x86 alike).
    private const int SignalUrgent = 23;

    private readonly PosixSignalRegistration registration;

    public ThreadKick() => registration = PosixSignalRegistration.Create((PosixSignal)SignalUrgent, context => context.Cancel = true);

    /// <summary>The kernel's id of the calling thread, what <see cref="Kick"/> takes.</summary>
    public static int CurrentThreadId() => GetTid();

    /// <summary>Sends the signal to thread <paramref name="threadId"/> of this process.</summary>
    public static void Kick(int threadId)
    {
        if (TgKill(Environment.ProcessId, threadId, SignalUrgent) != 0)
            throw new InvalidOperationException($"tgkill failed: errno {Marshal.GetLastPInvokeError()}");
    }

    public void Dispose() => registration.Dispose();

    [DllImport("libc", EntryPoint = "gettid")]
    private static extern int GetTid();

    [DllImport("libc", EntryPoint = "tgkill", SetLastError = true)]
    private static extern int TgKill(int processId, int threadId, int signal);
}
