using KvmSharp.Generator.FrontEnd.Targets;
using KvmSharp.Generator.Model;

namespace KvmSharp.Generator.FrontEnd.Types;

/// <summary>
/// <c>__builtin_va_list</c>, the type behind <c>va_list</c>, as each target's ABI defines it: a record (or an array of
/// one) where arguments are found in register save areas, a plain pointer where they are all on the stack.
/// <list type="bullet">
/// <item><description>x86_64 (SysV psABI 3.5.7): <c>struct __va_list_tag { unsigned gp_offset, fp_offset; void *overflow_arg_area, *reg_save_area; }[1]</c>, 24 bytes.</description></item>
/// <item><description>arm64 (AAPCS64 B.3): <c>struct __va_list { void *__stack, *__gr_top, *__vr_top; int __gr_offs, __vr_offs; }</c>, 32 bytes.</description></item>
/// <item><description>s390x (ELF ABI 1.2.4): <c>struct __va_list_tag { long __gpr, __fpr; void *__overflow_arg_area, *__reg_save_area; }[1]</c>, 32 bytes.</description></item>
/// <item><description>riscv64 (psABI: all variadic arguments in the integer registers, saved next to the stack ones) and
/// ppc64le (ELFv2, the same): a pointer, <c>void *</c> and <c>char *</c>.</description></item>
/// </list>
/// </summary>
internal static class VaListType
{
    /// <summary>The type of <c>__builtin_va_list</c> on <paramref name="arch"/>; its records are in no model.</summary>
    public static CType For(TargetArch arch, SourceLocation origin)
    {
        var pointer = new PointerCType(VoidCType.Instance);
        if (arch == TargetArch.X86_64)
            return new ArrayCType(Record("__va_list_tag", origin, ("gp_offset", Integer(CIntegerKind.UnsignedInt)), ("fp_offset", Integer(CIntegerKind.UnsignedInt)),
                ("overflow_arg_area", pointer), ("reg_save_area", pointer)), 1);
        if (arch == TargetArch.Arm64)
            return Record("__va_list", origin, ("__stack", pointer), ("__gr_top", pointer), ("__vr_top", pointer),
                ("__gr_offs", Integer(CIntegerKind.Int)), ("__vr_offs", Integer(CIntegerKind.Int)));
        if (arch == TargetArch.S390x)
            return new ArrayCType(Record("__va_list_tag", origin, ("__gpr", Integer(CIntegerKind.Long)), ("__fpr", Integer(CIntegerKind.Long)),
                ("__overflow_arg_area", pointer), ("__reg_save_area", pointer)), 1);
        return arch == TargetArch.Ppc64le ? new PointerCType(IntegerCType.Of(CIntegerKind.Char)) : pointer;
    }

    private static CType Integer(CIntegerKind kind) => IntegerCType.Of(kind);

    private static RecordCType Record(string tag, SourceLocation origin, params (string Name, CType Type)[] members)
    {
        var record = new RecordCType(RecordKind.Struct, tag, origin);
        record.Complete(members.Select(m => new RecordMember(m.Name, m.Type, null, null, false, origin, null)).ToArray(), packed: false, alignAttribute: null, maxFieldAlign: null);
        return record;
    }
}
