using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using KvmSharp;

namespace HelloVm;

/// <summary>
/// Measures one VM exit: runs the exit-loop guest, handling each of its N port writes, and prints the
/// time and the managed allocations per exit. Only the KVM_RUN loop is timed, as bench/exits/vmm.c does.
/// </summary>
internal static class ExitLoopRun
{
    public static void Run(uint exitCount)
    {
        using var machine = RealModeVm.Create(ExitLoopGuest.Code(exitCount));

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var start = Stopwatch.GetTimestamp();
        var handled = RunToHalt(machine.Vcpu);
        var elapsed = Stopwatch.GetElapsedTime(start);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        if (handled != exitCount)
            throw new UnexpectedGuestExitException($"the guest halted after {handled} port writes, not {exitCount}");
        var nanosecondsPerExit = elapsed.Ticks * 100.0 / exitCount;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"exits: {exitCount}, ns/exit: {nanosecondsPerExit:F1}, allocated bytes/exit: {(double)allocated / exitCount:0.###}"));
    }

    // The loop under measurement: nothing but KVM_RUN and a look at kvm_run per exit, and no allocation.
    private static uint RunToHalt(KvmVcpu vcpu)
    {
        uint handled = 0;
        while (true)
        {
            var exit = vcpu.Run();
            if (exit.IsInterrupted)
                continue;
            if (exit.Reason == KvmExitReason.Io)
            {
                ref var io = ref exit.State.Io;
                if (io.Port != ExitLoopGuest.Port || io.Direction != KvmExitIo.Out)
                    ThrowUnexpectedPort(io.Port);
                handled++;
                continue;
            }
            if (exit.Reason == KvmExitReason.Hlt)
                return handled;
            ThrowUnexpectedExit(exit.Reason, handled);
        }
    }

    // Out of line, so that the message's formatting stays out of the loop's code.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowUnexpectedPort(ushort port) =>
        throw new UnexpectedGuestExitException($"the guest used port 0x{port:x}; it only writes to 0x{ExitLoopGuest.Port:x}");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowUnexpectedExit(KvmExitReason reason, uint handled) =>
        throw new UnexpectedGuestExitException($"the guest stopped with exit reason {reason} after {handled} port writes");
}
