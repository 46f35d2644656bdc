using MicroVm.Kvm;

namespace KvmSharp.Tests.Runtime;

/// <summary>
/// One vCPU in real mode at 0000:1000 over 64 KiB of memory holding <c>code</c>, through the bindings samples/MicroVm
/// generates (linux/kvm.h of this machine), for the runtime tests that need a guest doing something.
/// </summary>
internal sealed class RealModeGuest : IDisposable
{
    public const ulong CodeAddress = 0x1000;

    private readonly KvmSystem _kvm;
    private readonly GuestMemory _memory;

    private RealModeGuest(KvmSystem kvm, KvmVm vm, GuestMemory memory, KvmVcpu vcpu)
    {
        _kvm = kvm;
        Vm = vm;
        _memory = memory;
        Vcpu = vcpu;
    }

    public KvmVm Vm { get; }

    public KvmVcpu Vcpu { get; }

    public static RealModeGuest Create(byte[] code)
    {
        var kvm = KvmSystem.Open();
        var vm = kvm.CreateVm();
        var memory = new GuestMemory(0x10000);
        code.CopyTo(memory.GetSpan(CodeAddress, code.Length));
        vm.SetUserMemoryRegion(0, 0, memory);
        var guest = new RealModeGuest(kvm, vm, memory, vm.CreateVcpu(0));
        guest.Restart();
        return guest;
    }

    /// <summary>Points the vCPU at the start of the code again.</summary>
    public void Restart()
    {
        var sregs = Vcpu.GetSregs();
        sregs.Cs.Base = 0;
        sregs.Cs.Selector = 0;
        Vcpu.SetSregs(in sregs);
        var regs = Vcpu.GetRegs();
        regs.Rip = CodeAddress;
        regs.Rflags = 0x2;
        Vcpu.SetRegs(in regs);
    }

    public void Dispose()
    {
        Vcpu.Dispose();
        _memory.Dispose();
        Vm.Dispose();
        _kvm.Dispose();
    }
}
