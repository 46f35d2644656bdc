using MicroVm.Kvm;
using Xunit;

namespace KvmSharp.Tests.Runtime;

/// <summary>
/// <see cref="KvmVcpuThread"/>'s kick on a guest that never exits by itself (<c>jmp $</c>): only the kick can bring
/// KVM_RUN back, so a lost wake-up is a loop that never returns. The hang guards are minutes long; the verdict is
/// whether the loop saw each request, never how long it took.
/// </summary>
public sealed class KvmVcpuThreadTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(2);

    private static readonly byte[] SpinForever = [0xEB, 0xFE];   // jmp $

    [SkippableFact]
    public void A_kick_brings_a_spinning_vcpu_back_and_a_stop_ends_its_loop()
    {
        KvmTestHost.RequireKvm();
        using var guest = RealModeGuest.Create(SpinForever);
        var interrupted = 0;
        using var thread = new KvmVcpuThread(guest.Vcpu, guest.Vcpu.SetImmediateExit, t =>
        {
            while (true)
            {
                var exit = t.Vcpu.Run();
                Assert.True(exit.IsInterrupted, $"the guest only spins, yet the run exited with {exit.Reason}");
                t.AcknowledgeKick();
                Interlocked.Increment(ref interrupted);
                if (t.StopRequested)
                    return;
            }
        });
        thread.Start();

        thread.RequestStop();

        Assert.True(thread.Join(HangGuard), "the vCPU loop did not return after RequestStop: the kick was lost");
        Assert.Null(thread.Failure);
        Assert.True(interrupted >= 1);
    }

    [SkippableFact]
    public void No_kick_is_lost_over_many_requests_racing_the_loop()
    {
        KvmTestHost.RequireKvm();
        using var guest = RealModeGuest.Create(SpinForever);
        var requested = 0;
        var seen = 0;
        using var thread = new KvmVcpuThread(guest.Vcpu, guest.Vcpu.SetImmediateExit, t =>
        {
            while (!t.StopRequested)
            {
                var exit = t.Vcpu.Run();
                if (!exit.IsInterrupted)
                    throw new InvalidOperationException($"unexpected exit {exit.Reason}");
                // Acknowledge first, then read the request: a kick after this point is seen on the next run.
                t.AcknowledgeKick();
                Volatile.Write(ref seen, Volatile.Read(ref requested));
            }
        });
        thread.Start();

        for (var i = 1; i <= 500; i++)
        {
            Volatile.Write(ref requested, i);
            thread.Kick();
            Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref seen) >= i, HangGuard), $"request {i} was never seen: a lost wake-up");
        }
        thread.RequestStop();

        Assert.True(thread.Join(HangGuard));
        Assert.Null(thread.Failure);
    }

    [SkippableFact]
    public void A_kick_before_the_first_run_makes_it_return_at_once()
    {
        KvmTestHost.RequireKvm();
        using var guest = RealModeGuest.Create(SpinForever);
        using var thread = new KvmVcpuThread(guest.Vcpu, guest.Vcpu.SetImmediateExit, _ => { });

        // Not started: the kick only sets immediate_exit, which the next KVM_RUN honours.
        thread.Kick();
        var exit = guest.Vcpu.Run();

        Assert.True(exit.IsInterrupted);
        Assert.Equal(KvmExitReason.Intr, exit.Reason);
    }
}
