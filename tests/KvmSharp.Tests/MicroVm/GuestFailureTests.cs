using System.Buffers.Binary;
using KvmSharp.Tests.Runtime;
using Xunit;

namespace KvmSharp.Tests.MicroVm;

/// <summary>
/// A guest that faults with no IDT to take the fault: the CPU escalates to a triple fault, which KVM reports as
/// KVM_EXIT_SHUTDOWN (api.rst), and MicroVm ends with exit code 1, naming the exit and showing the vCPU's registers.
/// </summary>
public sealed class GuestFailureTests
{
    /// <summary>An ELF64 x86_64 executable whose one segment, at 2 MiB, is <paramref name="code"/>; the entry is its start.</summary>
    private static byte[] Elf(byte[] code)
    {
        const ulong Address = 0x200000;
        var elf = new byte[0x1000 + code.Length];
        elf[0] = 0x7F;
        "ELF"u8.CopyTo(elf.AsSpan(1));
        elf[4] = 2;                                                              // ELFCLASS64
        elf[5] = 1;                                                              // little-endian
        elf[6] = 1;                                                              // EV_CURRENT
        BinaryPrimitives.WriteUInt16LittleEndian(elf.AsSpan(16), 2);              // ET_EXEC
        BinaryPrimitives.WriteUInt16LittleEndian(elf.AsSpan(18), 62);             // EM_X86_64
        BinaryPrimitives.WriteUInt32LittleEndian(elf.AsSpan(20), 1);
        BinaryPrimitives.WriteUInt64LittleEndian(elf.AsSpan(24), Address);        // e_entry
        BinaryPrimitives.WriteUInt64LittleEndian(elf.AsSpan(32), 64);             // e_phoff
        BinaryPrimitives.WriteUInt16LittleEndian(elf.AsSpan(52), 64);             // e_ehsize
        BinaryPrimitives.WriteUInt16LittleEndian(elf.AsSpan(54), 56);             // e_phentsize
        BinaryPrimitives.WriteUInt16LittleEndian(elf.AsSpan(56), 1);              // e_phnum
        var ph = elf.AsSpan(64);
        BinaryPrimitives.WriteUInt32LittleEndian(ph, 1);                          // PT_LOAD
        BinaryPrimitives.WriteUInt32LittleEndian(ph[4..], 5);                     // R X
        BinaryPrimitives.WriteUInt64LittleEndian(ph[8..], 0x1000);                // p_offset
        BinaryPrimitives.WriteUInt64LittleEndian(ph[16..], Address);              // p_vaddr
        BinaryPrimitives.WriteUInt64LittleEndian(ph[24..], Address);              // p_paddr
        BinaryPrimitives.WriteUInt64LittleEndian(ph[32..], (ulong)code.Length);   // p_filesz
        BinaryPrimitives.WriteUInt64LittleEndian(ph[40..], (ulong)code.Length);   // p_memsz
        code.CopyTo(elf, 0x1000);
        return elf;
    }

    [SkippableFact]
    public void A_triple_fault_ends_the_VMM_with_exit_code_1_naming_the_exit_and_the_registers()
    {
        KvmTestHost.RequireKvm();
        var kernel = Path.GetTempFileName();
        try
        {
            // ud2: #UD, whose IDT entry (the IDT is the reset one, all zero) is not present: #NP, then #DF, then shutdown.
            File.WriteAllBytes(kernel, Elf([0x0F, 0x0B]));

            var run = MicroVmProcess.Run(["--kernel", kernel, "--memory", "16M"]);

            Assert.Equal(1, run.ExitCode);
            Assert.StartsWith("MicroVm: vCPU 0: exit KVM_EXIT_SHUTDOWN: a triple fault", run.StandardError);
            Assert.Matches(@"rip\s+= 0x0000000000200000", run.StandardError);   // the ud2 itself: a fault leaves rip on it
            Assert.Matches(@"cr3\s+= 0x0000000000009000", run.StandardError);   // the VMM's identity map
            Assert.DoesNotContain("   at ", run.StandardError);
        }
        finally
        {
            File.Delete(kernel);
        }
    }
}
