using KvmSharp;

namespace HelloVm;

/// <summary>
/// A VM with one vCPU in 16-bit real mode, as the CPU comes out of reset but with CS:IP at 0000:1000, and
/// 64 KiB of guest memory at guest-physical 0 holding the guest's code at <see cref="CodeAddress"/>.
/// </summary>
internal sealed class RealModeVm : IDisposable
{
    /// <summary>Where the code goes and where the vCPU starts: above the real-mode IVT and BIOS data area.</summary>
    public const ulong CodeAddress = 0x1000;

    // Real mode reaches 1 MiB, but the guests here need one segment: CS = DS = 0 covers 64 KiB.
    private const ulong MemorySize = 0x10000;

    // KVM_GET_API_VERSION has answered 12 since Linux 2.6.22; anything else is an ABI this header does not describe.
    private const int StableApiVersion = 12;

    // EFLAGS bit 1 is reserved and reads as 1; every other flag clear, interrupts included.
    private const ulong ResetFlags = 0x2;

    private readonly KvmSystem _kvm;
    private readonly KvmVm _vm;
    private readonly GuestMemory _memory;

    private RealModeVm(KvmSystem kvm, KvmVm vm, GuestMemory memory, KvmVcpu vcpu)
    {
        _kvm = kvm;
        _vm = vm;
        _memory = memory;
        Vcpu = vcpu;
    }

    /// <summary>The one vCPU, with its kvm_run mapped.</summary>
    public KvmVcpu Vcpu { get; }

    /// <summary>What KVM_GET_API_VERSION answered.</summary>
    public int ApiVersion { get; private init; }

    /// <summary>Opens <c>/dev/kvm</c>, builds the VM and loads <paramref name="code"/> at <see cref="CodeAddress"/>.</summary>
    /// <exception cref="KvmUnavailableException">This machine cannot run a VM.</exception>
    /// <exception cref="KvmException">The kernel refused a step of the setup.</exception>
    public static RealModeVm Create(ReadOnlySpan<byte> code)
    {
        var kvm = OpenKvm();
        KvmVm? vm = null;
        GuestMemory? memory = null;
        KvmVcpu? vcpu = null;
        try
        {
            var apiVersion = kvm.GetApiVersion();
            if (apiVersion != StableApiVersion)
                throw new KvmUnavailableException($"/dev/kvm speaks KVM API {apiVersion}; this sample needs {StableApiVersion}");
            if (kvm.CheckExtension(KvmCapability.UserMemory) == 0)
                throw new KvmUnavailableException("this KVM lacks KVM_CAP_USER_MEMORY, so guest memory cannot be given to it");

            vm = kvm.CreateVm();
            memory = new GuestMemory(MemorySize);
            code.CopyTo(memory.GetSpan(CodeAddress, code.Length));
            vm.SetUserMemoryRegion(0, 0, memory);

            vcpu = vm.CreateVcpu(0);
            EnterRealModeAtCode(vcpu);
            return new RealModeVm(kvm, vm, memory, vcpu) { ApiVersion = apiVersion };
        }
        catch
        {
            vcpu?.Dispose();
            memory?.Dispose();
            vm?.Dispose();
            kvm.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        // Children first: the VM's memory is unmapped only once no vCPU can reach it.
        Vcpu.Dispose();
        _memory.Dispose();
        _vm.Dispose();
        _kvm.Dispose();
    }

    private static KvmSystem OpenKvm()
    {
        try
        {
            return KvmSystem.Open();
        }
        catch (KvmException e) when (e.ErrnoName == "ENOENT")
        {
            throw new KvmUnavailableException("/dev/kvm does not exist: this machine has no KVM (no virtualization support, or the kvm module is not loaded)");
        }
        catch (KvmException e) when (e.ErrnoName is "EACCES" or "EPERM")
        {
            throw new KvmUnavailableException("no permission to open /dev/kvm: add this user to the group that owns it (usually 'kvm')");
        }
    }

    private static void EnterRealModeAtCode(KvmVcpu vcpu)
    {
        // After reset CS is F000 with base FFFF0000 (the BIOS entry just under 4 GiB); point it at segment 0
        // so that IP is a guest-physical address. DS and the other segments are already 0 with a 64 KiB limit.
        var sregs = vcpu.GetSregs();
        sregs.Cs.Base = 0;
        sregs.Cs.Selector = 0;
        vcpu.SetSregs(in sregs);

        var regs = vcpu.GetRegs();
        regs.Rip = CodeAddress;
        regs.Rflags = ResetFlags;
        vcpu.SetRegs(in regs);
    }
}
