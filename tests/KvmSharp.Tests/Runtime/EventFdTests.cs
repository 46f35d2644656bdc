using MicroVm.Kvm;
using Xunit;

namespace KvmSharp.Tests.Runtime;

/// <summary>
/// <see cref="EventFd"/> against eventfd(2)'s semantics (writes add to a counter, a read returns it and resets it, a
/// non-blocking read of 0 is EAGAIN), and with KVM: a guest's port write that KVM_IOEVENTFD (the generated
/// <c>vm.Ioeventfd(EventFd, ...)</c>) turns into a count instead of an exit.
/// </summary>
public sealed class EventFdTests
{
    [Fact]
    public void Signals_add_up_and_a_read_returns_and_resets_the_counter()
    {
        using var eventFd = new EventFd(initialValue: 2, nonBlocking: true);

        eventFd.Signal();
        eventFd.Signal(5);

        Assert.Equal(8ul, eventFd.Read());
        Assert.Equal(LinuxErrno.EAGAIN, eventFd.TryRead(out var value));
        Assert.Equal(0ul, value);
        Assert.Equal("EAGAIN", Assert.Throws<KvmException>(() => eventFd.Read()).ErrnoName);
    }

    [Fact]
    public async Task A_blocking_read_waits_for_a_signal_from_another_thread()
    {
        using var eventFd = new EventFd();
        var reader = Task.Run(eventFd.Read);

        eventFd.Signal(3);

        Assert.Equal(3ul, await reader.WaitAsync(TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void A_disposed_eventfd_refuses_calls()
    {
        var eventFd = new EventFd();
        eventFd.Dispose();

        Assert.Throws<ObjectDisposedException>(() => eventFd.FileDescriptor);
        Assert.Throws<ObjectDisposedException>(() => eventFd.Signal());
    }

    [SkippableFact]
    public void A_guest_write_to_an_ioeventfd_port_counts_on_the_eventfd_without_an_exit()
    {
        KvmTestHost.RequireKvm();
        const ushort Port = 0x1234;
        using var guest = RealModeGuest.Create(
        [
            0xBA, 0x34, 0x12,   // mov dx, 0x1234
            0xB0, 0x2A,         // mov al, 42
            0xEE,               // out dx, al: counted by the ioeventfd, no exit
            0xEE,               // out dx, al: again
            0xF4,               // hlt: the first exit to user space
        ]);
        using var counter = new EventFd(nonBlocking: true);
        guest.Vm.Ioeventfd(counter, Port, 1, pio: true);

        var exit = guest.Vcpu.Run();

        Assert.Equal(KvmExitReason.Hlt, exit.Reason);
        Assert.Equal(2ul, counter.Read());

        // With datamatch, only writes of that value count; deassigned, the writes exit again.
        guest.Vm.Ioeventfd(counter, Port, 1, pio: true, deassign: true);
        guest.Restart();
        exit = guest.Vcpu.Run();
        Assert.Equal(KvmExitReason.Io, exit.Reason);
        Assert.Equal(Port, exit.IoPort);
    }

    [SkippableFact]
    public void An_irqfd_is_accepted_for_a_GSI_of_the_in_kernel_irqchip_and_removed_again()
    {
        KvmTestHost.RequireKvm();
        using var kvm = KvmSystem.Open();
        using var vm = kvm.CreateVm();
        // The irqchip comes before any vCPU (api.rst, KVM_CREATE_IRQCHIP).
        vm.CreateIrqchip();
        using var interrupt = new EventFd();

        Assert.Equal(0, vm.Irqfd(interrupt, 4));
        // Assigning the same eventfd twice is EBUSY (virt/kvm/eventfd.c, kvm_irqfd_assign): the first one took.
        Assert.Equal("EBUSY", Assert.Throws<KvmException>(() => vm.Irqfd(interrupt, 4)).ErrnoName);
        Assert.Equal(0, vm.Irqfd(interrupt, 4, deassign: true));
        Assert.Equal(0, vm.Irqfd(interrupt, 4));
    }
}
