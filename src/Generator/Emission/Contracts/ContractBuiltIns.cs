namespace KvmSharp.Generator.Emission.Contracts;

/// <summary>
/// The capability contracts KvmSharp knows, in the line format of docs/diagnostics/capability-contracts.md,
/// keyed by C macro names. <see cref="ContractEmitter"/> emits those whose every name the header defines.
/// </summary>
/// <remarks>
/// Only what a kernel source or document states: KVM_ENABLE_CAP's <c>flags</c> is "a bitfield indicating future
/// enhancements. Has to be 0 for now" (Documentation/virt/kvm/api.rst, 4.37 KVM_ENABLE_CAP), and the handlers
/// cited below reject nonzero flags. Argument ranges the kernel checks but a contract cannot state (HALT_POLL's
/// 32-bit args[0]) are left out.
/// </remarks>
internal static class ContractBuiltIns
{
    public static readonly string[] Texts =
    {
        """
        capability KVM_CAP_ARM_LOCK_USER_MEMORY_REGION
        cite RFC PATCH v5 02/38 "KVM: arm64: Add lock/unlock memslot user API": arch/arm64/kvm/arm.c kvm_lock_user_memory_region_ioctl
        cite arch/arm64/kvm/mmu.c kvm_mmu_lock_memslot, kvm_mmu_unlock_memslot; Documentation/virt/kvm/api.rst 7.30
        memslot-arg 0
        arg 2 reserved                  # if (cap->args[2] || cap->args[3]) return -EINVAL;
        arg 3 reserved
        action KVM_ARM_LOCK_USER_MEMORY_REGION_FLAGS_LOCK
        arg 1 subflags-of KVM_ARM_LOCK_USER_MEMORY_REGION_FLAGS_LOCK
        arg 1 requires KVM_ARM_LOCK_MEM_READ   # if (!(flags & KVM_ARM_LOCK_MEM_READ)) return -EINVAL;
        locks-memslot
        memslot-conflict arg 1 KVM_ARM_LOCK_MEM_WRITE with KVM_MEM_READONLY KVM_MEM_LOG_DIRTY_PAGES   # -EPERM
        action KVM_ARM_LOCK_USER_MEMORY_REGION_FLAGS_UNLOCK
        arg 1 subflags-of KVM_ARM_LOCK_USER_MEMORY_REGION_FLAGS_UNLOCK
        unlocks-memslot
        all-memslots-with arg 1 KVM_ARM_UNLOCK_MEM_ALL
        """,
        """
        capability KVM_CAP_ARM_NISV_TO_USER
        cite arch/arm64/kvm/arm.c kvm_vm_ioctl_enable_cap: case KVM_CAP_ARM_NISV_TO_USER: if (cap->flags) return -EINVAL;
        flags none
        """,
        """
        capability KVM_CAP_ARM_MTE
        cite arch/arm64/kvm/arm.c kvm_vm_ioctl_enable_cap: if (cap->flags) return -EINVAL; before the switch
        flags none
        """,
        """
        capability KVM_CAP_ARM_SYSTEM_SUSPEND
        cite arch/arm64/kvm/arm.c kvm_vm_ioctl_enable_cap: if (cap->flags) return -EINVAL; before the switch
        flags none
        """,
        """
        capability KVM_CAP_HALT_POLL
        cite virt/kvm/kvm_main.c kvm_vm_ioctl_enable_cap_generic: if (cap->flags || cap->args[0] != (unsigned int)cap->args[0]) return -EINVAL;
        flags none
        """,
        """
        capability KVM_CAP_MANUAL_DIRTY_LOG_PROTECT2
        cite virt/kvm/kvm_main.c kvm_vm_ioctl_enable_cap_generic: if (cap->flags || (cap->args[0] & ~allowed_options)) return -EINVAL;
        cite Documentation/virt/kvm/api.rst 7.18 KVM_CAP_MANUAL_DIRTY_LOG_PROTECT2
        flags none
        arg 0 bits KVM_DIRTY_LOG_MANUAL_PROTECT_ENABLE KVM_DIRTY_LOG_INITIALLY_SET
        """,
    };
}
