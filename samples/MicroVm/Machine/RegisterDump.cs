using System.Globalization;
using System.Text;
using KvmSharp;
using MicroVm.Kvm;

namespace MicroVm.Machine;

/// <summary>A vCPU's registers as text, for the message of an exit the VMM cannot handle.</summary>
internal static class RegisterDump
{
    /// <summary>The general, control and segment registers of <paramref name="vcpu"/>; a note instead when they cannot be read.</summary>
    public static string Of(KvmVcpu vcpu)
    {
        try
        {
            var r = vcpu.GetRegs();
            var s = vcpu.GetSregs();
            var text = new StringBuilder();
            Line(text, ("rip", r.Rip), ("rsp", r.Rsp), ("rbp", r.Rbp), ("rflags", r.Rflags));
            Line(text, ("rax", r.Rax), ("rbx", r.Rbx), ("rcx", r.Rcx), ("rdx", r.Rdx));
            Line(text, ("rsi", r.Rsi), ("rdi", r.Rdi), ("r8", r.R8), ("r9", r.R9));
            Line(text, ("r10", r.R10), ("r11", r.R11), ("r12", r.R12), ("r13", r.R13));
            Line(text, ("r14", r.R14), ("r15", r.R15));
            Line(text, ("cr0", s.Cr0), ("cr2", s.Cr2), ("cr3", s.Cr3), ("cr4", s.Cr4));
            Line(text, ("efer", s.Efer), ("apic_base", s.ApicBase), ("cs", s.Cs.Selector), ("ss", s.Ss.Selector));
            Line(text, ("gdt.base", s.Gdt.Base), ("gdt.limit", s.Gdt.Limit), ("idt.base", s.Idt.Base), ("idt.limit", s.Idt.Limit));
            return text.ToString().TrimEnd();
        }
        catch (KvmException e)
        {
            return $"(registers unavailable: {e.Message})";
        }
    }

    private static void Line(StringBuilder text, params (string Name, ulong Value)[] registers)
    {
        text.Append("  ");
        foreach (var (name, value) in registers)
            text.Append(CultureInfo.InvariantCulture, $"{name,-9}= 0x{value:x16}  ");
        text.Append('\n');
    }
}
