using System.Reflection;
using KvmSharp.Tests.Runtime;
using Xunit;
using Xunit.Abstractions;

namespace KvmSharp.Tests.Wrappers;

/// <summary>
/// The generated x86_64 wrappers against the real <c>/dev/kvm</c>: tiny real-mode guests run to HLT, port I/O and
/// MMIO exits, register round trips, the dirty log, errors and <c>immediate_exit</c>. Skipped, with the reason,
/// where KVM cannot be opened or the host is not x86_64.
/// </summary>
public sealed class WrapperKvmTests
{
    // kvm.h: KVM_EXIT_IO 2, KVM_EXIT_HLT 5, KVM_EXIT_MMIO 6, KVM_EXIT_INTR 10; KVM_API_VERSION 12.
    private const int ExitIo = 2;
    private const int ExitHlt = 5;
    private const int ExitMmio = 6;
    private const int ExitIntr = 10;

    private readonly ITestOutputHelper output;

    public WrapperKvmTests(ITestOutputHelper output) => this.output = output;

    [SkippableFact]
    public void The_system_reports_API_version_12_and_answers_capability_questions()
    {
        var (apiVersion, userMemory, memslots, tryErrno, tryValue) = Run<(int, int, int, int, int)>("Capabilities");

        Assert.Equal(12, apiVersion);
        Assert.Equal(1, userMemory);
        Assert.True(memslots > 1, $"KVM_CAP_NR_MEMSLOTS on the VM fd: {memslots}");
        Assert.Equal((0, 1), (tryErrno, tryValue));
    }

    [SkippableFact]
    public void Has_device_attr_answers_yes_or_no_and_an_unknown_group_is_no()
    {
        var (unknownGroup, tscOffset, hasVcpuAttributes) = Run<(bool, bool, bool)>("DeviceAttributeQuestions");

        Assert.False(unknownGroup);
        Assert.True(hasVcpuAttributes, "this kernel has no KVM_CAP_VCPU_ATTRIBUTES (5.16 and later have it)");
        Assert.True(tscOffset);
    }

    [SkippableFact]
    public void A_vcpu_comes_mapped_and_its_vm_remembers_the_system_and_the_slot()
    {
        var (mapped, runSize, sameSystem, slots) = Run<(bool, int, bool, int)>("MachineShape");

        Assert.True(mapped);
        Assert.True(runSize >= Environment.SystemPageSize, $"mmap size {runSize}");
        Assert.True(sameSystem);
        Assert.Equal(1, slots);
    }

    [SkippableFact]
    public void A_real_mode_guest_runs_to_hlt()
    {
        var (reason, interrupted, rip) = Run<(int, bool, ulong)>("RunToHlt");

        Assert.Equal(ExitHlt, reason);
        Assert.False(interrupted);
        Assert.Equal(0x1002ul, rip); // past nop and hlt
    }

    [SkippableFact]
    public void Port_io_exits_carry_port_size_direction_and_data_and_take_input_back()
    {
        var (port, size, isOut, data, wordPort, wordSize, wordData, inIsOut, stored, last) =
            Run<(ushort, int, bool, byte[], ushort, int, byte[], bool, int, int)>("PortIo");

        Assert.Equal((0x3f8, 1, true), (port, size, isOut));
        Assert.Equal(new byte[] { 0x41 }, data);
        Assert.Equal((0x3f8, 2), (wordPort, wordSize));
        Assert.Equal(new byte[] { 0xef, 0xbe }, wordData);
        Assert.False(inIsOut);
        Assert.Equal(0x5a, stored);
        Assert.Equal(ExitHlt, last);
    }

    [SkippableFact]
    public void Mmio_exits_carry_address_data_and_direction_and_take_read_data_back()
    {
        var (reason, address, isWrite, data, readAddress, readIsWrite, readLength, stored) =
            Run<(int, ulong, bool, byte[], ulong, bool, int, int)>("Mmio");

        Assert.Equal(ExitMmio, reason);
        Assert.Equal(0x20010ul, address);
        Assert.True(isWrite);
        Assert.Equal(new byte[] { 0xef, 0xbe }, data);
        Assert.Equal((0x20020ul, false, 1), (readAddress, readIsWrite, readLength));
        Assert.Equal(0x42, stored);
    }

    [SkippableFact]
    public void Regs_and_sregs_round_trip_and_the_guest_sees_them()
    {
        var (rax, rbx, csBase, csSelector, cr0, sum) = Run<(ulong, ulong, ulong, ushort, ulong, ulong)>("RegisterRoundTrip");

        Assert.Equal((0x1234ul, 0x0101ul), (rax, rbx));
        Assert.Equal((0ul, (ushort)0), (csBase, csSelector));
        Assert.Equal(0ul, cr0 & 1); // real mode: PE clear
        Assert.Equal(0x1335ul, sum & 0xffff);
    }

    [SkippableFact]
    public void The_dirty_log_shows_the_pages_the_guest_wrote()
    {
        var bitmap = Run<ulong>("DirtyLog");

        output.WriteLine($"dirty bitmap 0x{bitmap:x}");
        Assert.Equal(1ul << 5 | 1ul << 9, bitmap);
    }

    [SkippableFact]
    public void A_call_the_kernel_rejects_throws_with_EINVAL_and_the_ioctl_name()
    {
        var error = Assert.Throws<KvmException>(() => Run<object?>("RejectedRegion"));

        Assert.Equal(LinuxErrno.EINVAL, error.Errno);
        Assert.Equal("KVM_SET_USER_MEMORY_REGION", error.Operation);
        Assert.StartsWith("KVM_SET_USER_MEMORY_REGION failed: EINVAL", error.Message);
    }

    [SkippableFact]
    public void Immediate_exit_set_before_running_interrupts_the_run_without_an_exception()
    {
        var (reason, interrupted, rip, afterClear) = Run<(int, bool, ulong, int)>("ImmediateExitBeforeRun");

        Assert.True(interrupted);
        Assert.Equal(ExitIntr, reason);
        Assert.Equal(0x1000ul, rip); // the guest did not run
        Assert.Equal(ExitHlt, afterClear);
    }

    [SkippableFact]
    public void Immediate_exit_with_a_kick_stops_a_spinning_guest()
    {
        using var kick = new ThreadKick();
        var (reason, interrupted, rip, kicks) = Run<(int, bool, ulong, int)>("ImmediateExitWhileSpinning",
            (Func<int>)ThreadKick.CurrentThreadId, (Action<int>)ThreadKick.Kick);

        output.WriteLine($"stopped after {kicks} kick(s)");
        Assert.True(interrupted);
        Assert.Equal(ExitIntr, reason);
        Assert.Equal(0x1000ul, rip); // still on its jmp $
    }

    [SkippableFact]
    public void Create_device_returns_the_device_or_nothing_for_a_test()
    {
        var (testCreatesNone, created, fd) = Run<(bool, bool, int)>("CreateDevice");

        Assert.True(testCreatesNone);
        Assert.True(created);
        Assert.True(fd > 2);
    }

    [SkippableFact]
    public void A_flexible_array_ioctl_answers_E2BIG_with_the_count_then_fills_the_buffer()
    {
        var (firstErrno, needed, listed, firstIndex) = Run<(int, uint, int, uint)>("MsrIndexList");

        output.WriteLine($"{needed} MSRs, first 0x{firstIndex:x}");
        Assert.Equal(LinuxErrno.E2BIG, firstErrno);
        Assert.True(needed > 10, $"{needed} MSRs");
        Assert.Equal((int)needed, listed);
    }

    [SkippableFact]
    public void The_run_loop_allocates_nothing()
    {
        var (allocated, exits) = Run<(long, int)>("RunLoopAllocations", 2000);

        output.WriteLine($"{exits} port exits, {allocated} bytes allocated");
        Assert.True(exits > 1000, $"{exits} exits");
        Assert.Equal(0, allocated);
    }

    private static T Run<T>(string scenario, params object?[] arguments)
    {
        KvmTestHost.RequireKvm();
        Skip.IfNot(System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.X64,
            "the guests are x86 real-mode code");
        var assembly = WrapperCompilation.Load(GuestScenarios.Source);
        return (T)WrapperCompilation.Invoke(assembly, GuestScenarios.Type, scenario, arguments)!;
    }
}
