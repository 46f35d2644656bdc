using KvmSharp.Generator.Model;

namespace KvmSharp.Generator.Emission;

/// <summary>
/// Which runtime type an ioctl's method extends. The header's section comments give each ioctl one fd
/// (<see cref="IoctlModel.Scope"/>) and the method always goes there; the kernel accepts some on more
/// fds than the section they sit in, and for those the method is also put where the kernel's
/// documentation (Documentation/virt/kvm/api.rst, "Type:") says it works.
/// </summary>
internal static class IoctlWrapperScopes
{
    private static readonly IoctlScope[] Known = { IoctlScope.System, IoctlScope.Vm, IoctlScope.Vcpu, IoctlScope.Device };

    // api.rst, by ioctl: the fds it is issued on beyond its header section. Several sit in the header's vCPU
    // section only because they were appended there (KVM_CLEAR_DIRTY_LOG is a VM ioctl).
    private static readonly Dictionary<string, IoctlScope[]> AlsoOn = new(StringComparer.Ordinal)
    {
        ["KVM_CHECK_EXTENSION"] = new[] { IoctlScope.Vm },               // KVM_CAP_CHECK_EXTENSION_VM
        ["KVM_ENABLE_CAP"] = new[] { IoctlScope.Vm, IoctlScope.Vcpu },   // KVM_CAP_ENABLE_CAP_VM
        ["KVM_GET_STATS_FD"] = new[] { IoctlScope.Vm, IoctlScope.Vcpu },
        ["KVM_SET_DEVICE_ATTR"] = new[] { IoctlScope.Vm, IoctlScope.Vcpu }, // KVM_CAP_VM_ATTRIBUTES, vCPU attributes
        ["KVM_GET_DEVICE_ATTR"] = new[] { IoctlScope.Vm, IoctlScope.Vcpu },
        ["KVM_HAS_DEVICE_ATTR"] = new[] { IoctlScope.Vm, IoctlScope.Vcpu },
        ["KVM_GET_MSRS"] = new[] { IoctlScope.System },                  // feature MSRs, KVM_CAP_GET_MSR_FEATURES
        ["KVM_GET_SUPPORTED_HV_CPUID"] = new[] { IoctlScope.System },    // KVM_CAP_SYS_HYPERV_CPUID
        ["KVM_X86_GET_MCE_CAP_SUPPORTED"] = new[] { IoctlScope.System },
        ["KVM_SET_TSC_KHZ"] = new[] { IoctlScope.Vcpu },                 // KVM_CAP_VM_TSC_CONTROL made it a VM ioctl too
        ["KVM_GET_TSC_KHZ"] = new[] { IoctlScope.Vcpu },
        ["KVM_CLEAR_DIRTY_LOG"] = new[] { IoctlScope.Vm },
        ["KVM_RESET_DIRTY_RINGS"] = new[] { IoctlScope.Vm },
        ["KVM_MEMORY_ENCRYPT_OP"] = new[] { IoctlScope.Vm },
        ["KVM_MEMORY_ENCRYPT_REG_REGION"] = new[] { IoctlScope.Vm },
        ["KVM_MEMORY_ENCRYPT_UNREG_REGION"] = new[] { IoctlScope.Vm },
        ["KVM_HYPERV_EVENTFD"] = new[] { IoctlScope.Vm },
        ["KVM_X86_SET_MSR_FILTER"] = new[] { IoctlScope.Vm },
        ["KVM_XEN_HVM_GET_ATTR"] = new[] { IoctlScope.Vm },
        ["KVM_XEN_HVM_SET_ATTR"] = new[] { IoctlScope.Vm },
        ["KVM_XEN_HVM_EVTCHN_SEND"] = new[] { IoctlScope.Vm },
        ["KVM_ARM_PREFERRED_TARGET"] = new[] { IoctlScope.Vm },
        ["KVM_S390_MEM_OP"] = new[] { IoctlScope.Vm },
        ["KVM_S390_GET_SKEYS"] = new[] { IoctlScope.Vm },
        ["KVM_S390_SET_SKEYS"] = new[] { IoctlScope.Vm },
        ["KVM_S390_GET_CMMA_BITS"] = new[] { IoctlScope.Vm },
        ["KVM_S390_SET_CMMA_BITS"] = new[] { IoctlScope.Vm },
        ["KVM_S390_PV_COMMAND"] = new[] { IoctlScope.Vm },
        ["KVM_S390_ZPCI_OP"] = new[] { IoctlScope.Vm },
    };

    // Members the runtime types have (KvmFileDescriptor, SafeHandle, object and the four fd types): an
    // extension method of the same name would never be called, the instance member always wins. Kept here and
    // not read from the compilation because kvmgen has none; WrapperCompileTests checks it against the runtime.
    private static readonly HashSet<string> RuntimeMembers = new(StringComparer.Ordinal)
    {
        "Ioctl", "IoctlRead", "IoctlWrite", "IoctlReadWrite", "IoctlReturningFileDescriptor", "TryIoctl", "TryIoctlRead",
        "TryIoctlWrite", "TryIoctlReadWrite", "FileDescriptor", "IsDisposed", "IsInvalid", "IsClosed", "Dispose", "Close",
        "DangerousAddRef", "DangerousRelease", "DangerousGetHandle", "SetHandleAsInvalid", "Equals", "GetHashCode",
        "ToString", "GetType", "Open", "FromFileDescriptor", "IoctlCreateVm", "System", "Vm", "IoctlCreateVcpu",
        "IoctlSetUserMemory", "TrackUserMemory", "UntrackUserMemory", "TrackedSlots", "MapRunStructure",
        "IsRunStructureMapped", "RunStructure", "RunStructureSize", "RunStructureBytes",
    };

    /// <summary>The fds <paramref name="ioctl"/> gets a method on: its own scope first, none for an unknown scope.</summary>
    public static IEnumerable<IoctlScope> Of(IoctlModel ioctl)
    {
        if (ioctl.Scope == IoctlScope.Unknown)
            return Array.Empty<IoctlScope>();
        var scopes = new List<IoctlScope> { ioctl.Scope };
        if (AlsoOn.TryGetValue(ioctl.Name, out var more))
            scopes.AddRange(more.Where(s => !scopes.Contains(s)));
        return scopes.OrderBy(s => Array.IndexOf(Known, s));
    }

    /// <summary>The scopes that get a class, in a stable order.</summary>
    public static IReadOnlyList<IoctlScope> All => Known;

    /// <summary>The runtime type a scope's methods extend, fully qualified.</summary>
    public static string Receiver(IoctlScope scope) => IoctlWrapperContext.Runtime + scope switch
    {
        IoctlScope.System => "KvmSystem",
        IoctlScope.Vm => "KvmVm",
        IoctlScope.Vcpu => "KvmVcpu",
        _ => "KvmDevice",
    };

    /// <summary>The name of the receiver parameter: <c>system</c>, <c>vm</c>, <c>vcpu</c>, <c>device</c>.</summary>
    public static string ReceiverName(IoctlScope scope) => scope switch
    {
        IoctlScope.System => "system",
        IoctlScope.Vm => "vm",
        IoctlScope.Vcpu => "vcpu",
        _ => "device",
    };

    /// <summary>The generated class of a scope: <c>KvmVcpuIoctls</c>.</summary>
    public static string ClassName(IoctlScope scope) => Receiver(scope).Substring(IoctlWrapperContext.Runtime.Length) + "Ioctls";

    /// <summary>What the fd is, for docs.</summary>
    public static string Describe(IoctlScope scope) => scope switch
    {
        IoctlScope.System => "the /dev/kvm fd",
        IoctlScope.Vm => "a VM fd",
        IoctlScope.Vcpu => "a vCPU fd",
        _ => "a device fd",
    };

    /// <summary>The method name for request constant <paramref name="requestName"/>: the same, unless the runtime type has a member so named.</summary>
    public static string MethodName(string requestName) => RuntimeMembers.Contains(requestName) ? "Kvm" + requestName : requestName;
}
