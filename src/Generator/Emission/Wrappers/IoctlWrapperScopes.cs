using KvmSharp.Generator.Model;

namespace KvmSharp.Generator.Emission.Wrappers;

/// <summary>
/// The runtime type, class and receiver of each fd's methods. Which fds an ioctl gets a method on is decided by
/// <see cref="FrontEnd.Placement.IoctlPlacer"/> from the kernel's facts, not here.
/// </summary>
internal static class IoctlWrapperScopes
{
    private static readonly IoctlScope[] Known = { IoctlScope.System, IoctlScope.Vm, IoctlScope.Vcpu, IoctlScope.Device };

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

    /// <summary>The scopes that get a class, in a stable order.</summary>
    public static IReadOnlyList<IoctlScope> All => Known;

    /// <summary>The runtime type a scope's methods extend, fully qualified.</summary>
    public static string Receiver(IoctlScope scope) => IoctlWrapperContext.Runtime + scope switch
    {
        IoctlScope.System => GeneratedNames.SystemHandle,
        IoctlScope.Vm => GeneratedNames.VmHandle,
        IoctlScope.Vcpu => GeneratedNames.VcpuHandle,
        _ => GeneratedNames.DeviceHandle,
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
    public static string ClassName(IoctlScope scope) => GeneratedNames.IoctlsClass(Receiver(scope).Substring(IoctlWrapperContext.Runtime.Length));

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
