using KvmSharp.Generator.Model;

namespace KvmSharp.Generator.Emission.Wrappers;

/// <summary>
/// Ioctls whose <c>_IOC</c> encoding misstates how the kernel uses the argument. KVM dispatches on the request
/// number and never checks the direction bits, so a few historical encodings stayed wrong; a wrapper that
/// trusted them would hand the kernel an uninitialized struct (<c>KVM_SET_IRQCHIP</c> is <c>_IOR</c>) or an 8-byte
/// local it reads a whole struct from (<c>KVM_MEMORY_ENCRYPT_OP</c>). Per Documentation/virt/kvm/api.rst and the
/// kernel's handlers; the <c>[KvmIoctl]</c> data keeps the header's decoding.
/// </summary>
internal static class IoctlWrapperQuirks
{
    // _IOR in the header, but the kernel only reads the struct: a SET.
    private static readonly HashSet<string> KernelReads = new(StringComparer.Ordinal)
    {
        "KVM_SET_IRQCHIP", "KVM_SET_PIT", "KVM_MEMORY_ENCRYPT_REG_REGION", "KVM_MEMORY_ENCRYPT_UNREG_REGION",
        "KVM_PPC_RESIZE_HPT_PREPARE", "KVM_PPC_RESIZE_HPT_COMMIT", "KVM_ASSIGN_PCI_DEVICE", "KVM_ASSIGN_IRQ",
    };

    // _IOW in the header, but the kernel fills the struct: a GET.
    private static readonly HashSet<string> KernelWrites = new(StringComparer.Ordinal) { "KVM_PPC_GET_PVINFO" };

    // _IOW of unsigned long, but the kernel takes the number itself as the argument, not a pointer to it.
    private static readonly HashSet<string> ValueArgument = new(StringComparer.Ordinal) { "KVM_S390_STORE_STATUS", "KVM_S390_VCPU_FAULT" };

    // "unsigned long" in the header, but a pointer to a vendor struct (struct kvm_sev_cmd, the TDX command...).
    private static readonly HashSet<string> OpaqueArgument = new(StringComparer.Ordinal) { "KVM_MEMORY_ENCRYPT_OP" };

    /// <summary>How the kernel uses the argument, which for most ioctls is what the header encodes.</summary>
    public static IoctlDirection Direction(IoctlModel ioctl)
        => ValueArgument.Contains(ioctl.Name) ? IoctlDirection.None
            : KernelReads.Contains(ioctl.Name) ? IoctlDirection.Write
            : KernelWrites.Contains(ioctl.Name) ? IoctlDirection.Read
            : ioctl.Direction;

    /// <summary>Whether the argument type the header names is not what the kernel reads, so the caller passes an address.</summary>
    public static bool IsOpaque(IoctlModel ioctl) => OpaqueArgument.Contains(ioctl.Name);

    /// <summary>A doc note for an ioctl whose encoding the wrapper does not follow, else null.</summary>
    public static string? Note(IoctlModel ioctl)
    {
        if (ValueArgument.Contains(ioctl.Name))
            return "The kernel takes the argument as a number, not a pointer to one, whatever <c>_IOW</c> says.";
        if (KernelReads.Contains(ioctl.Name))
            return "The kernel only reads the argument, whatever <c>_IOR</c> says.";
        if (KernelWrites.Contains(ioctl.Name))
            return "The kernel fills the argument, whatever <c>_IOW</c> says.";
        if (OpaqueArgument.Contains(ioctl.Name))
            return "The argument is the address of a vendor struct (such as <c>struct kvm_sev_cmd</c>), whatever type the header names.";
        return null;
    }
}
