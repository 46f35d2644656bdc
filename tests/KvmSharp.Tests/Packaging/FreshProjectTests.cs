using KvmSharp.Tests.Runtime;
using Xunit;

namespace KvmSharp.Tests.Packaging;

/// <summary>
/// A new user's first hour: <c>dotnet new console</c>, <c>dotnet add package KvmSharp</c> from the local feed, a
/// Program.cs, <c>dotnet build</c>, <c>dotnet run</c>. The bindings are generated from this machine's headers.
/// </summary>
[Collection(PackagingCollection.Name)]
public sealed class FreshProjectTests(LocalFeed feed)
{
    private const string Greeting = "Hello from a KVM guest!";

    /// <summary>
    /// The smallest VMM that shows a guest ran: 16-bit real-mode code that writes a greeting to the serial port,
    /// one byte per VM exit, and halts. Everything it names is either the package's runtime (KvmSystem,
    /// GuestMemory) or generated at build time from linux/kvm.h (KvmCapability, KvmExitReason, GetSregs...).
    /// </summary>
    internal const string GreetingProgram = """
        using System.Text;
        using KvmSharp;

        const ushort Serial = 0x3f8;   // COM1's data port
        const ulong Code = 0x1000;     // where the code loads and the vCPU starts (CS = DS = 0)

        byte[] guest =
        [
            0xBA, 0xF8, 0x03,   // mov dx, 0x3f8
            0xBE, 0x10, 0x10,   // mov si, 0x1010   ; the message, right after the code
            0xFC,               // cld
            0xAC,               // lodsb            ; al = [si++]
            0x84, 0xC0,         // test al, al
            0x74, 0x03,         // jz +3            ; the NUL: on to the hlt
            0xEE,               // out dx, al       ; one byte to the port: one VM exit
            0xEB, 0xF8,         // jmp -8           ; back to the lodsb
            0xF4,               // hlt
            .. Encoding.ASCII.GetBytes("Hello from a KVM guest!\n\0"),
        ];

        using var kvm = KvmSystem.TryOpen(out var problem);   // /dev/kvm, or null and why not
        if (kvm is null)
        {
            Console.Error.WriteLine(problem);   // no KVM here, or no permission, and what to do about it
            return 1;
        }
        if (kvm.CheckExtension(KvmCapability.UserMemory) == 0)
            throw new InvalidOperationException("this KVM lacks KVM_CAP_USER_MEMORY");
        using var vm = kvm.CreateVm();
        using var memory = new GuestMemory(0x10000);   // 64 KiB at guest-physical 0
        guest.CopyTo(memory.GetSpan(Code, guest.Length));
        vm.SetUserMemoryRegion(0, 0, memory);

        using var vcpu = vm.CreateVcpu(0);
        var sregs = vcpu.GetSregs();   // out of reset CS points at the BIOS: point it at segment 0
        sregs.Cs.Base = 0;
        sregs.Cs.Selector = 0;
        vcpu.SetSregs(in sregs);
        var regs = vcpu.GetRegs();
        regs.Rip = Code;
        regs.Rflags = 0x2;             // bit 1 always reads as 1; interrupts off
        vcpu.SetRegs(in regs);

        var output = new List<byte>();
        while (true)
        {
            var exit = vcpu.Run();
            if (exit.IsInterrupted)    // a signal, not the guest: run on
                continue;
            if (exit.Reason == KvmExitReason.Hlt)
                break;
            if (exit.Reason != KvmExitReason.Io || exit.State.Io.Port != Serial || exit.State.Io.Direction != KvmExitIo.Out)
                throw new InvalidOperationException($"unexpected exit: {exit.Reason}");
            output.AddRange(exit.IoData);
        }
        Console.Write(Encoding.ASCII.GetString(output.ToArray()));
        return 0;
        """;

    [SkippableFact]
    public void ANewConsoleProjectBuildsAndRunsAGuestThatGreets()
    {
        KvmTestHost.RequireKvm();
        var project = feed.NewConsoleProject("Greeter");
        File.WriteAllText(Path.Combine(project, "Program.cs"), GreetingProgram);

        feed.Dotnet(project, "build").Succeeded();
        var run = feed.Dotnet(project, "run").Succeeded();

        Assert.Equal(Greeting + "\n", run.StandardOutput);
    }

    [Fact]
    public void ReadmesQuickstartIsTheProgramThisTestRuns()
    {
        var readme = File.ReadAllText(Path.Combine(LocalFeed.RepositoryRoot(), "README.md"));
        var quickstart = readme.IndexOf("## Quickstart", StringComparison.Ordinal);
        Assert.True(quickstart >= 0, "README has no Quickstart section");
        var start = readme.IndexOf("```csharp\n", quickstart, StringComparison.Ordinal) + "```csharp\n".Length;
        var end = readme.IndexOf("```", start, StringComparison.Ordinal);

        Assert.Equal(GreetingProgram.Trim(), readme[start..end].Trim());
    }

    [Fact]
    public void WithoutTheHeaderTheBuildSaysWhichDebianPackageToInstall()
    {
        var project = feed.NewConsoleProject("NoHeader");
        var missing = Path.Combine(project, "no-headers-here");

        var build = feed.Dotnet(project, "build", "-p:KvmTargetArch=riscv64", $"-p:KvmIncludeDirectories={missing}");

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("error KVMB0001", build.Output);
        Assert.Contains($"linux/kvm.h was not found in KvmIncludeDirectories ({missing})", build.Output);
        Assert.Contains("apt-get install linux-libc-dev-riscv64-cross", build.Output);
    }
}
