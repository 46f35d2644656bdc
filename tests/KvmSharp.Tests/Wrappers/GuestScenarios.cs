namespace KvmSharp.Tests.Wrappers;

/// <summary>
/// C# that runs real-mode x86 guests through the generated wrappers. It is compiled together with the generated
/// x86_64 code (whose types do not exist in this test assembly) and called by reflection; results come back as
/// value tuples, which both sides share. Guest code is hand-assembled 16-bit code, one instruction a line.
/// </summary>
internal static class GuestScenarios
{
    public const string Type = "Scenarios.Guests";

    public const string Source = """
        using System;
        using System.Runtime.InteropServices;
        using System.Threading;
        using KvmSharp;

        namespace Scenarios;

        public static class Guests
        {
            // Guest physical layout: 64 KiB of RAM at 0; code at 0x1000; a data byte at 0x2000.
            private const ulong RamSize = 0x10000;
            private const ulong CodeAddress = 0x1000;
            private const int DataAddress = 0x2000;

            /// A VM with RAM in slot 0 holding the code, and vCPU 0 in real mode with CS:IP = 0:0x1000.
            private sealed class Machine : IDisposable
            {
                public readonly KvmSystem System = KvmSystem.Open();
                public readonly KvmVm Vm;
                public readonly GuestMemory Ram = new(RamSize);
                public readonly KvmVcpu Vcpu;

                public Machine(byte[] code, uint slotFlags = 0)
                {
                    Vm = System.CreateVm();
                    code.CopyTo(Ram.GetSpan(CodeAddress, code.Length));
                    Vm.SetUserMemoryRegion(0, 0, Ram, slotFlags);
                    Vcpu = Vm.CreateVcpu(0);
                    var sregs = Vcpu.GetSregs();
                    // Reset puts CS at 0xf000 with base 0xffff0000; a flat real-mode CS of 0 runs our code at its GPA.
                    sregs.Cs.Base = 0;
                    sregs.Cs.Selector = 0;
                    Vcpu.SetSregs(in sregs);
                    var regs = Vcpu.GetRegs();
                    regs.Rip = CodeAddress;
                    regs.Rflags = 2; // bit 1 is reserved and must be set
                    Vcpu.SetRegs(in regs);
                }

                public void Dispose()
                {
                    Vcpu.Dispose();
                    Vm.Dispose();
                    Ram.Dispose();
                    System.Dispose();
                }
            }

            public static (int ApiVersion, int UserMemory, int Memslots, int TryErrno, int TryValue) Capabilities()
            {
                using var kvm = KvmSystem.Open();
                using var vm = kvm.CreateVm();
                var errno = kvm.TryCheckExtension(KvmCapability.UserMemory, out var value);
                return (kvm.GetApiVersion(), kvm.CheckExtension(KvmCapability.UserMemory), vm.CheckExtension(KvmCapability.NrMemslots), errno, value);
            }

            // KVM_HAS_DEVICE_ATTR as the yes-or-no question IoctlCalls.txt makes it: a group no device has is "no" (ENXIO),
            // not an exception; the vCPU's x86 KVM_VCPU_TSC_CTRL group (KVM_CAP_VCPU_ATTRIBUTES, 5.16) is "yes".
            public static (bool UnknownGroup, bool TscOffset, bool HasVcpuAttributes) DeviceAttributeQuestions()
            {
                using var kvm = KvmSystem.Open();
                using var vm = kvm.CreateVm();
                using var vcpu = vm.CreateVcpu(0);
                var unknown = new KvmDeviceAttr { Group = 0x7fff_0000, Attr = 0 };
                var tsc = new KvmDeviceAttr { Group = KvmConstants.KVM_VCPU_TSC_CTRL, Attr = KvmConstants.KVM_VCPU_TSC_OFFSET };
                var hasVcpuAttributes = kvm.CheckExtension(KvmCapability.VcpuAttributes) != 0;
                return (vcpu.HasDeviceAttr(in unknown), hasVcpuAttributes && vcpu.HasDeviceAttr(in tsc), hasVcpuAttributes);
            }

            public static (bool Mapped, int RunSize, bool SameSystem, int Slots) MachineShape()
            {
                using var machine = new Machine(new byte[] { 0xf4 }); // hlt
                return (machine.Vcpu.IsRunStructureMapped, machine.Vcpu.RunStructureSize, ReferenceEquals(machine.Vm.System, machine.System), machine.Vm.TrackedSlots.Count);
            }

            public static (int Reason, bool Interrupted, ulong Rip) RunToHlt()
            {
                using var machine = new Machine(new byte[]
                {
                    0x90, // nop
                    0xf4, // hlt
                });
                var exit = machine.Vcpu.Run();
                return ((int)exit.Reason, exit.IsInterrupted, machine.Vcpu.GetRegs().Rip);
            }

            public static (ushort Port, int Size, bool Out, byte[] Data, ushort WordPort, int WordSize, byte[] WordData, bool InIsOut, int Stored, int Last) PortIo()
            {
                using var machine = new Machine(new byte[]
                {
                    0xba, 0xf8, 0x03,       // mov dx, 0x3f8
                    0xb0, 0x41,             // mov al, 'A'
                    0xee,                   // out dx, al
                    0xb8, 0xef, 0xbe,       // mov ax, 0xbeef
                    0xef,                   // out dx, ax
                    0xec,                   // in al, dx
                    0xa2, 0x00, 0x20,       // mov [0x2000], al
                    0xf4,                   // hlt
                });
                var vcpu = machine.Vcpu;
                var exit = vcpu.Run();
                if (exit.Reason != KvmExitReason.Io)
                    throw new InvalidOperationException($"first exit {exit.Reason}");
                var (port, size, isOut, data) = (exit.IoPort, exit.IoSize, exit.IoIsOut, exit.IoData.ToArray());
                if (exit.State.Io.Port != port || exit.State.Io.Direction != KvmExitIo.Out)
                    throw new InvalidOperationException("State.Io disagrees with the helpers");

                exit = vcpu.Run();
                var (wordPort, wordSize, wordData) = (exit.IoPort, exit.IoSize, exit.IoData.ToArray());

                exit = vcpu.Run();
                var inIsOut = exit.IoIsOut;
                exit.IoData[0] = 0x5a; // what the guest's IN reads

                var last = vcpu.Run();
                return (port, size, isOut, data, wordPort, wordSize, wordData, inIsOut, machine.Ram.Span[DataAddress], (int)last.Reason);
            }

            public static (int Reason, ulong Address, bool IsWrite, byte[] Data, ulong ReadAddress, bool ReadIsWrite, int ReadLength, int Stored) Mmio()
            {
                using var machine = new Machine(new byte[]
                {
                    0xb8, 0x00, 0x20,                   // mov ax, 0x2000
                    0x8e, 0xd8,                         // mov ds, ax          ; DS base 0x20000, past the 64 KiB of RAM
                    0xc7, 0x06, 0x10, 0x00, 0xef, 0xbe, // mov word [0x10], 0xbeef  -> MMIO write at 0x20010
                    0xa0, 0x20, 0x00,                   // mov al, [0x20]            -> MMIO read at 0x20020
                    0x31, 0xdb,                         // xor bx, bx
                    0x8e, 0xdb,                         // mov ds, bx
                    0xa2, 0x00, 0x20,                   // mov [0x2000], al
                    0xf4,                               // hlt
                });
                var vcpu = machine.Vcpu;
                var exit = vcpu.Run();
                var (reason, address, isWrite, data) = ((int)exit.Reason, exit.MmioAddress, exit.MmioIsWrite, exit.MmioData.ToArray());

                exit = vcpu.Run();
                var (readAddress, readIsWrite, readLength) = (exit.MmioAddress, exit.MmioIsWrite, exit.MmioLength);
                exit.MmioData[0] = 0x42; // what the guest's load reads

                var last = vcpu.Run();
                if (last.Reason != KvmExitReason.Hlt)
                    throw new InvalidOperationException($"last exit {last.Reason}");
                return (reason, address, isWrite, data, readAddress, readIsWrite, readLength, machine.Ram.Span[DataAddress]);
            }

            public static (ulong Rax, ulong Rbx, ulong CsBase, ushort CsSelector, ulong Cr0, ulong SumAfterRun) RegisterRoundTrip()
            {
                using var machine = new Machine(new byte[]
                {
                    0x01, 0xd8, // add ax, bx
                    0xf4,       // hlt
                });
                var vcpu = machine.Vcpu;
                vcpu.GetRegs(out var regs);
                regs.Rax = 0x1234;
                regs.Rbx = 0x0101;
                vcpu.SetRegs(in regs);
                var back = vcpu.GetRegs();
                var sregs = vcpu.GetSregs();
                sregs.Ds.Base = 0x500;
                sregs.Ds.Selector = 0x50;
                vcpu.SetSregs(in sregs);
                var sregsBack = vcpu.GetSregs();
                if (sregsBack.Ds.Base != 0x500 || sregsBack.Ds.Selector != 0x50)
                    throw new InvalidOperationException("DS did not round-trip");
                vcpu.Run();
                return (back.Rax, back.Rbx, sregsBack.Cs.Base, sregsBack.Cs.Selector, sregsBack.Cr0, vcpu.GetRegs().Rax);
            }

            public static unsafe ulong DirtyLog()
            {
                using var machine = new Machine(new byte[]
                {
                    0xc6, 0x06, 0x00, 0x50, 0x01, // mov byte [0x5000], 1   ; page 5
                    0xc6, 0x06, 0x00, 0x90, 0x01, // mov byte [0x9000], 1   ; page 9
                    0xf4,                         // hlt
                }, (uint)KvmConstants.KVM_MEM_LOG_DIRTY_PAGES);
                var exit = machine.Vcpu.Run();
                if (exit.Reason != KvmExitReason.Hlt)
                    throw new InvalidOperationException($"exit {exit.Reason}");
                // One bit a page, in whole 64-bit words: 16 pages fit in one.
                ulong bitmap = 0;
                var log = new KvmDirtyLog { Slot = 0 };
                log.DirtyBitmap = (nint)(&bitmap);
                machine.Vm.GetDirtyLog(in log);
                return bitmap;
            }

            public static void RejectedRegion()
            {
                using var kvm = KvmSystem.Open();
                using var vm = kvm.CreateVm();
                using var ram = new GuestMemory(RamSize);
                vm.SetUserMemoryRegion(0, 0x123, ram); // not page-aligned: EINVAL
            }

            public static (int Reason, bool Interrupted, ulong Rip, int ReasonAfterClear) ImmediateExitBeforeRun()
            {
                using var machine = new Machine(new byte[] { 0xf4 }); // hlt
                var vcpu = machine.Vcpu;
                vcpu.SetImmediateExit(true);
                var exit = vcpu.Run();
                var result = ((int)exit.Reason, exit.IsInterrupted, vcpu.GetRegs().Rip);
                vcpu.SetImmediateExit(false);
                return (result.Item1, result.Item2, result.Item3, (int)vcpu.Run().Reason);
            }

            // KVM reads immediate_exit when KVM_RUN starts; a guest already spinning is stopped by a signal to the vCPU's
            // thread (the kick), which immediate_exit makes race-free: whenever the signal lands, the run ends with EINTR.
            public static (int Reason, bool Interrupted, ulong Rip, int Kicks) ImmediateExitWhileSpinning(Func<int> threadId, Action<int> kick)
            {
                using var machine = new Machine(new byte[] { 0xeb, 0xfe }); // jmp $
                var vcpu = machine.Vcpu;
                var tid = 0;
                var reason = -1;
                var interrupted = false;
                Exception? error = null;
                using var started = new ManualResetEventSlim();
                var runner = new Thread(() =>
                {
                    try
                    {
                        tid = threadId();
                        started.Set();
                        var exit = vcpu.Run();
                        (reason, interrupted) = ((int)exit.Reason, exit.IsInterrupted);
                    }
                    catch (Exception e)
                    {
                        error = e;
                    }
                });
                runner.Start();
                started.Wait();
                Thread.Sleep(100); // let the guest spin
                if (!runner.IsAlive)
                    throw new InvalidOperationException("the spinning guest returned on its own", error);
                vcpu.SetImmediateExit(true);
                var kicks = 0;
                for (; !runner.Join(20); kicks++)
                {
                    if (kicks > 250)
                        throw new TimeoutException("the vCPU did not stop");
                    kick(tid);
                }
                if (error is not null)
                    throw error;
                return (reason, interrupted, vcpu.GetRegs().Rip, kicks);
            }

            public static (bool TestCreatesNone, bool Created, int Fd) CreateDevice()
            {
                using var kvm = KvmSystem.Open();
                using var vm = kvm.CreateVm();
                var probe = new KvmCreateDevice { Type = KvmConstants.KVM_DEV_TYPE_VFIO, Flags = KvmConstants.KVM_CREATE_DEVICE_TEST };
                var none = vm.CreateDevice(ref probe);
                var request = new KvmCreateDevice { Type = KvmConstants.KVM_DEV_TYPE_VFIO };
                using var device = vm.CreateDevice(ref request);
                return (none is null, device is not null && device.Vm == vm, device!.FileDescriptor);
            }

            // The run loop of a VMM: exits are taken and answered without a byte of managed allocation.
            public static (long Allocated, int Exits) RunLoopAllocations(int exits)
            {
                using var machine = new Machine(new byte[]
                {
                    0xba, 0xf8, 0x03, // mov dx, 0x3f8
                    0xee,             // again: out dx, al
                    0xfe, 0xc0,       // inc al
                    0xeb, 0xfb,       // jmp again
                });
                var vcpu = machine.Vcpu;
                var seen = 0;
                for (var i = 0; i < 100; i++) // warm up: JIT, first-call stubs
                    seen += Exit(vcpu);
                // The least of three windows: a one-off allocation by the runtime itself (a tier-up of the JIT
                // under load) can land in one window; an allocation per exit lands in all three.
                var least = long.MaxValue;
                for (var window = 0; window < 3; window++)
                {
                    var before = GC.GetAllocatedBytesForCurrentThread();
                    for (var i = 0; i < exits; i++)
                        seen += Exit(vcpu);
                    least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
                }
                return (least, seen / 3);

                static int Exit(KvmVcpu vcpu)
                {
                    var exit = vcpu.Run();
                    if (exit.IsInterrupted)
                        return 0;
                    if (exit.Reason != KvmExitReason.Io || !exit.IoIsOut || exit.IoPort != 0x3f8)
                        throw new InvalidOperationException($"unexpected exit {exit.Reason}");
                    return exit.IoData.Length;
                }
            }

            public static (int FirstErrno, uint Needed, int Listed, uint FirstIndex) MsrIndexList()
            {
                using var kvm = KvmSystem.Open();
                // Too short on purpose: the kernel answers E2BIG and writes how many it has.
                using var empty = new FlexibleArrayBuffer<KvmMsrList, uint>(0);
                var errno = kvm.TryGetMsrIndexList(empty);
                var needed = empty.Header.Nmsrs;
                using var list = new FlexibleArrayBuffer<KvmMsrList, uint>((int)needed);
                list.Header.Nmsrs = needed;
                kvm.GetMsrIndexList(list);
                return (errno, needed, (int)list.Header.Nmsrs, list.Entries[0]);
            }
        }
        """;
}
