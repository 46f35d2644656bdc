using System.Runtime.InteropServices;
using KvmSharp;
using MicroVm.Boot;
using MicroVm.Devices;
using MicroVm.Firmware;
using MicroVm.Kvm;

namespace MicroVm.Machine;

/// <summary>
/// The machine: guest RAM in one slot from address 0, KVM's in-kernel PIC, IOAPIC and local APICs
/// (KVM_CREATE_IRQCHIP) and PIT (KVM_CREATE_PIT2), a 16550 at 0x3F8 on IRQ 4 through an irqfd, a CMOS clock, the
/// keyboard controller's reset line, the ACPI sleep registers, and one thread per vCPU. The kernel starts on vCPU 0 at
/// its 64-bit entry; the others wait for the INIT and SIPI the kernel sends them (their in-kernel local APICs start
/// them in the wait-for-SIPI state).
/// </summary>
internal sealed class VirtualMachine : IDisposable
{
    public const ushort SerialPort = 0x3F8;
    public const uint SerialIrq = 4;
    public const ushort CmosPort = 0x70;
    public const ushort KeyboardPort = 0x60;

    // KVM_SET_TSS_ADDR needs three pages of guest-physical space that no memory uses (api.rst 4.47, for VMX without
    // unrestricted guest), and KVM_SET_IDENTITY_MAP_ADDR one more page (4.53): just below the BIOS area at 4 GiB, where
    // QEMU and Firecracker put them.
    public const ulong TssAddress = 0xFFFBD000;
    public const ulong IdentityMapAddress = 0xFFFBC000;

    // Local APIC registers of LINT0 and LINT1 (SDM vol. 3A, 11.5.1): delivery mode in bits 10:8.
    private const int LvtLint0 = 0x350, LvtLint1 = 0x360;
    private const uint DeliveryModeMask = 0x700, ExtInt = 0x700, Nmi = 0x400;

    private readonly KvmSystem _kvm;
    private readonly KvmVm _vm;
    private readonly GuestMemory _memory;
    private readonly List<KvmVcpu> _vcpus = [];
    private readonly EventFd _serialInterrupt;
    private readonly PortBus _ports = new();
    private readonly ManualResetEventSlim _ended = new();
    private MachineOutcome? _outcome;

    private VirtualMachine(KvmSystem kvm, KvmVm vm, GuestMemory memory, EventFd serialInterrupt, SerialConsole console)
    {
        _kvm = kvm;
        _vm = vm;
        _memory = memory;
        _serialInterrupt = serialInterrupt;
        Console = console;
        Serial = new Serial16550(console.Write, () => _serialInterrupt.Signal());
        _ports.Add(SerialPort, 8, Serial);
        _ports.Add(CmosPort, 2, new CmosClock());
        _ports.Add(KeyboardPort, 5, new KeyboardController(Stop));
        _ports.Add(AcpiSleepControl.BasePort, 2, new AcpiSleepControl(Stop));
    }

    /// <summary>The UART.</summary>
    public Serial16550 Serial { get; }

    /// <summary>Where the UART's output goes.</summary>
    public SerialConsole Console { get; }

    /// <summary>Each vCPU's exit counts, after <see cref="Run"/>.</summary>
    public IReadOnlyList<ExitStatistics> Statistics { get; private set; } = [];

    /// <summary>Builds the machine and loads the kernel, the initramfs and the firmware tables.</summary>
    /// <exception cref="KvmException">/dev/kvm cannot be opened (the message says what to do) or KVM refused a step.</exception>
    /// <exception cref="BootImageException">The kernel or initramfs cannot be booted.</exception>
    public static VirtualMachine Create(MachineOptions options, IKernelImage kernel, byte[]? initrd, Stream output)
    {
        var kvm = KvmSystem.Open();
        KvmVm? vm = null;
        GuestMemory? memory = null;
        EventFd? serialInterrupt = null;
        VirtualMachine? machine = null;
        try
        {
            RequireCapabilities(kvm);
            vm = kvm.CreateVm();
            vm.SetTssAddr(TssAddress);
            vm.SetIdentityMapAddr(IdentityMapAddress);
            vm.CreateIrqchip();
            var pit = new KvmPitConfig { Flags = KvmConstants.KVM_PIT_SPEAKER_DUMMY };
            vm.CreatePit2(in pit);

            memory = new GuestMemory(options.MemorySize);
            vm.SetUserMemoryRegion(0, 0, memory);

            serialInterrupt = new EventFd();
            vm.Irqfd(serialInterrupt, SerialIrq);

            machine = new VirtualMachine(kvm, vm, memory, serialInterrupt, new SerialConsole(output));
            machine.LoadGuest(options, kernel, initrd);

            var cpuid = CpuidTable.Query(kvm);
            for (var id = 0; id < options.Cpus; id++)
            {
                var vcpu = vm.CreateVcpu((ulong)id);
                machine._vcpus.Add(vcpu);
                cpuid.Apply(vcpu, (uint)id);
                BootMsrs.Apply(vcpu);
                WireLocalInterrupts(vcpu);
                if (id == 0)
                    EnterKernel(vcpu, kernel.Entry);
            }
            return machine;
        }
        catch
        {
            if (machine is not null)
                machine.Dispose();
            else
            {
                serialInterrupt?.Dispose();
                memory?.Dispose();
                vm?.Dispose();
                kvm.Dispose();
            }
            throw;
        }
    }

    /// <summary>Runs every vCPU on its own thread until the guest powers off or reboots, or an exit cannot be handled.</summary>
    public MachineOutcome Run(Stream? input)
    {
        var threads = _vcpus.Select((vcpu, i) =>
        {
            var statistics = new ExitStatistics();
            return (Thread: new KvmVcpuThread(vcpu, vcpu.SetImmediateExit, t => RunLoop(t, statistics, i), $"vCPU {i}"), Statistics: statistics);
        }).ToList();
        Statistics = threads.Select(t => t.Statistics).ToList();
        if (input is not null)
            SerialConsole.PumpInput(input, Serial);
        foreach (var (thread, _) in threads)
            thread.Start();
        _ended.Wait();
        foreach (var (thread, _) in threads)
            thread.RequestStop();
        foreach (var (thread, _) in threads)
        {
            thread.Join();
            thread.Dispose();
        }
        Console.Flush();
        return _outcome!;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var vcpu in _vcpus)
            vcpu.Dispose();
        _serialInterrupt.Dispose();
        _memory.Dispose();
        _vm.Dispose();
        _kvm.Dispose();
        _ended.Dispose();
    }

    private void Stop(GuestStop stop) => End(new MachineOutcome(stop, null));

    private void Fail(string failure) => End(new MachineOutcome(null, failure));

    private void End(MachineOutcome outcome)
    {
        // The first word is the one that counts: the vCPUs stopped by it may report their own exits after it.
        if (Interlocked.CompareExchange(ref _outcome, outcome, null) is null)
            _ended.Set();
    }

    private bool HasEnded => Volatile.Read(ref _outcome) is not null;

    private void RunLoop(KvmVcpuThread thread, ExitStatistics statistics, int index)
    {
        try
        {
            RunUntilEnd(thread, statistics, index);
        }
        catch (Exception e)
        {
            // A KVM_RUN the kernel refused, or a bug of the VMM: the machine ends with it rather than hang without this vCPU.
            Fail($"vCPU {index}: {e}");
        }
        finally
        {
            statistics.Finish();
        }
    }

    private void RunUntilEnd(KvmVcpuThread thread, ExitStatistics statistics, int index)
    {
        var vcpu = thread.Vcpu;
        while (!HasEnded)
        {
            var exit = vcpu.Run();
            statistics.Count(exit.Reason);
            switch (exit.Reason)
            {
                case KvmExitReason.Intr:
                    // A kick (or a signal meant for another thread): clear immediate_exit before looking at why.
                    thread.AcknowledgeKick();
                    if (thread.StopRequested)
                        return;
                    break;
                case KvmExitReason.Io:
                    statistics.CountPort(exit.IoPort);
                    PortIo(ref exit);
                    break;
                case KvmExitReason.Mmio:
                    // Nothing is mapped outside RAM but what the in-kernel irqchip handles: reads float high.
                    if (!exit.MmioIsWrite)
                        exit.MmioData.Fill(0xFF);
                    break;
                case KvmExitReason.Shutdown:
                    Fail($"vCPU {index}: exit KVM_EXIT_SHUTDOWN: a triple fault (or an INIT the VMM does not emulate)\n{RegisterDump.Of(vcpu)}");
                    return;
                case KvmExitReason.InternalError:
                    Fail($"vCPU {index}: exit KVM_EXIT_INTERNAL_ERROR, suberror {exit.State.Internal.Suberror}\n{RegisterDump.Of(vcpu)}");
                    return;
                case KvmExitReason.FailEntry:
                    Fail($"vCPU {index}: exit KVM_EXIT_FAIL_ENTRY, hardware reason 0x{exit.State.FailEntry.HardwareEntryFailureReason:x}\n{RegisterDump.Of(vcpu)}");
                    return;
                default:
                    Fail($"vCPU {index}: unexpected exit {exit.Reason} ({(int)exit.Reason})\n{RegisterDump.Of(vcpu)}");
                    return;
            }
        }
    }

    private void PortIo(ref KvmExit exit)
    {
        var port = exit.IoPort;
        var size = exit.IoSize;
        var data = exit.IoData;
        // A string instruction (rep insb/outsb) is count accesses of size bytes each, back to back in the data.
        for (var offset = 0; offset + size <= data.Length; offset += size)
        {
            var access = data.Slice(offset, size);
            if (exit.IoIsOut)
                _ports.Write(port, access);
            else
                _ports.Read(port, access);
        }
    }

    /// <summary>Loads the kernel, initramfs, command line, zero page, page tables, GDT, MP table and ACPI tables.</summary>
    private void LoadGuest(MachineOptions options, IKernelImage kernel, byte[]? initrd)
    {
        var memory = _memory.Span;
        kernel.Load(memory);

        ulong initrdAddress = 0;
        if (initrd is not null)
        {
            initrdAddress = ZeroPage.InitrdAddress(kernel, _memory.Size, (ulong)initrd.Length);
            initrd.CopyTo(memory[(int)initrdAddress..]);
        }

        var commandLine = System.Text.Encoding.ASCII.GetBytes(options.CommandLine);
        if (commandLine.Length >= GuestLayout.CommandLineRoom)
            throw new BootImageException($"the command line is {commandLine.Length} bytes; this VMM has room for {GuestLayout.CommandLineRoom - 1}");
        commandLine.CopyTo(memory[(int)GuestLayout.CommandLine..]);
        memory[(int)GuestLayout.CommandLine + commandLine.Length] = 0;

        var acpi = AcpiTables.Build(GuestLayout.Acpi, options.Cpus);
        acpi.CopyTo(memory[(int)GuestLayout.Acpi..]);
        var rsdp = GuestLayout.Acpi + AcpiTables.RsdpOffset;

        var bootParams = ZeroPage.Build(kernel, _memory.Size, commandLine.Length, initrdAddress, initrd is null ? 0 : (ulong)initrd.Length, rsdp);
        MemoryMarshal.Write(memory[(int)GuestLayout.ZeroPage..], in bootParams);

        PageTables.Write(memory[(int)GuestLayout.Pml4..], GuestLayout.Pml4);
        LongModeEntry.WriteGdt(memory);
        MpTable.Build(options.Cpus, (uint)GuestLayout.MpTable).CopyTo(memory[(int)GuestLayout.MpTable..]);
    }

    private static void RequireCapabilities(KvmSystem kvm)
    {
        foreach (var (capability, name) in new[]
        {
            (KvmCapability.Irqchip, "KVM_CAP_IRQCHIP"), (KvmCapability.Pit2, "KVM_CAP_PIT2"), (KvmCapability.Irqfd, "KVM_CAP_IRQFD"),
            (KvmCapability.ImmediateExit, "KVM_CAP_IMMEDIATE_EXIT"), (KvmCapability.ExtCpuid, "KVM_CAP_EXT_CPUID"),
        })
        {
            if (kvm.CheckExtension(capability) == 0)
                throw new InvalidOperationException($"this KVM lacks {name}, which the machine needs");
        }
    }

    private static void EnterKernel(KvmVcpu vcpu, ulong entry)
    {
        var sregs = vcpu.GetSregs();
        LongModeEntry.Apply(ref sregs);
        vcpu.SetSregs(in sregs);
        var regs = default(KvmRegs);
        LongModeEntry.Apply(ref regs, entry);
        vcpu.SetRegs(in regs);
    }

    // What a BIOS leaves for an OS in virtual-wire mode (MP spec 3.6.2.2): LINT0 delivers the PIC's ExtINT, LINT1 NMIs.
    private static void WireLocalInterrupts(KvmVcpu vcpu)
    {
        var lapic = vcpu.GetLapic();
        var registers = MemoryMarshal.AsBytes(MemoryMarshal.CreateSpan(ref lapic, 1));
        SetDeliveryMode(registers, LvtLint0, ExtInt);
        SetDeliveryMode(registers, LvtLint1, Nmi);
        vcpu.SetLapic(in lapic);
    }

    private static void SetDeliveryMode(Span<byte> registers, int offset, uint mode)
    {
        var value = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(registers[offset..]);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(registers[offset..], (value & ~DeliveryModeMask) | mode);
    }
}
