using System.Collections.Generic;

namespace KvmSharp.Generator.Emission;

/// <summary>
/// The names of the generated surface that code outside the emitters depends on: the classes, enums and
/// attributes the emitters declare, the attribute properties, the typed methods the analyzers recognise and the
/// runtime's fd handles the methods extend. One list for both sides: this file is compiled into the generator
/// and, as a linked source, into the analyzers, so a rename here renames both and a rename elsewhere fails a test
/// (<c>GeneratedNamesTests</c> resolves every name in bindings generated from a real header).
/// </summary>
internal static class GeneratedNames
{
    /// <summary>The runtime's namespace (assembly <c>KvmSharp</c>): the fd handles and the other hand-written types.</summary>
    public const string RuntimeNamespace = "KvmSharp";

    /// <summary>Every macro's value by C name.</summary>
    public const string Constants = "KvmConstants";

    /// <summary>The enumerators of unnamed C enums that get no enum of their own.</summary>
    public const string Enumerators = "KvmEnumerators";

    /// <summary>Every ioctl's request number, with <see cref="IoctlAttribute"/> on each.</summary>
    public const string Ioctls = "KvmIoctls";

    /// <summary>What <c>Run()</c> returns: the exit reason and its state in the mapped <c>kvm_run</c>.</summary>
    public const string Exit = "KvmExit";

    /// <summary>The <c>KVM_CAP_*</c> family's enum.</summary>
    public const string Capability = "KvmCapability";

    /// <summary>The <c>KVM_EXIT_*</c> family's enum.</summary>
    public const string ExitReason = "KvmExitReason";

    /// <summary>The capability contracts of the header, one field each carrying <see cref="CapabilityContractAttribute"/>.</summary>
    public const string CapabilityContracts = "KvmCapabilityContracts";

    /// <summary>The value type of <c>EnableCap</c>'s typed flags and args.</summary>
    public const string EnableCapValue = "KvmEnableCapValue";

    /// <summary>The record of <c>struct kvm_enable_cap</c> (named from the header, <c>CSharpNames.Pascal</c>).</summary>
    public const string EnableCapRecord = "KvmEnableCap";

    /// <summary>The record of <c>struct kvm_userspace_memory_region</c> (named from the header).</summary>
    public const string UserspaceMemoryRegionRecord = "KvmUserspaceMemoryRegion";

    /// <summary>The C spelling of a generated symbol.</summary>
    public const string NativeTypeNameAttribute = "NativeTypeNameAttribute";

    /// <summary>An ioctl request's decoding.</summary>
    public const string IoctlAttribute = "KvmIoctlAttribute";

    /// <summary><see cref="IoctlAttribute"/>'s property with the capabilities the header says the ioctl is available with.</summary>
    public const string IoctlAttributeRequiredCapabilities = "RequiredCapabilities";

    /// <summary>The direction enum <see cref="IoctlAttribute"/> takes.</summary>
    public const string IoctlDirection = "KvmIoctlDirection";

    /// <summary>The fd-kind flags <see cref="IoctlAttribute"/> takes.</summary>
    public const string IoctlScope = "KvmIoctlScope";

    /// <summary>An ioctl and its decoding as a runtime value.</summary>
    public const string IoctlValue = "KvmIoctl";

    /// <summary>On an enum of sub-flags: the flag the header indents them under.</summary>
    public const string SubFlagsOfAttribute = "KvmSubFlagsOfAttribute";

    /// <summary>On an enum of a <c>#define</c> family: the prefix.</summary>
    public const string ConstantFamilyAttribute = "KvmConstantFamilyAttribute";

    /// <summary>A capability contract's text.</summary>
    public const string CapabilityContractAttribute = "KvmCapabilityContractAttribute";

    /// <summary>A user's bool method that checks a capability.</summary>
    public const string CapabilityGuardAttribute = "KvmCapabilityGuardAttribute";

    /// <summary>On a typed ioctl method: the ioctl it issues.</summary>
    public const string IoctlMethodAttribute = "KvmIoctlMethodAttribute";

    /// <summary>The typed method of <c>KVM_CHECK_EXTENSION</c>.</summary>
    public const string CheckExtensionMethod = "CheckExtension";

    /// <summary>The typed method of <c>KVM_ENABLE_CAP</c>.</summary>
    public const string EnableCapMethod = "EnableCap";

    /// <summary>The typed method of <c>KVM_SET_USER_MEMORY_REGION</c>.</summary>
    public const string SetUserMemoryRegionMethod = "SetUserMemoryRegion";

    /// <summary>The parameter of <see cref="EnableCapMethod"/>'s numeric form for <c>args[index]</c>: <c>arg0</c>...<c>arg3</c>.</summary>
    public static string EnableCapArgument(int index) => "arg" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The runtime's <c>/dev/kvm</c> handle.</summary>
    public const string SystemHandle = "KvmSystem";

    /// <summary>The runtime's VM fd handle.</summary>
    public const string VmHandle = "KvmVm";

    /// <summary>The runtime's vCPU fd handle.</summary>
    public const string VcpuHandle = "KvmVcpu";

    /// <summary>The runtime's device fd handle.</summary>
    public const string DeviceHandle = "KvmDevice";

    /// <summary>The runtime's guest memory mapping (<c>SetUserMemoryRegion</c>'s convenient form takes one).</summary>
    public const string GuestMemory = "GuestMemory";

    /// <summary>The fd handles the typed methods extend, in scope order (system, VM, vCPU, device).</summary>
    public static readonly IReadOnlyList<string> Handles = new[] { SystemHandle, VmHandle, VcpuHandle, DeviceHandle };

    /// <summary>The handles <c>KVM_CHECK_EXTENSION</c> can be asked on (a vCPU cannot).</summary>
    public static readonly IReadOnlyList<string> CheckableHandles = new[] { SystemHandle, VmHandle };

    /// <summary>An attribute's name as it is applied, without the <c>Attribute</c> suffix: <c>[KvmIoctl(...)]</c>.</summary>
    public static string Short(string attribute) => attribute.Substring(0, attribute.Length - "Attribute".Length);

    /// <summary>What the classes of typed methods end with.</summary>
    public const string IoctlsClassSuffix = "Ioctls";

    /// <summary>The class of a handle's typed methods: <c>KvmVcpuIoctls</c>.</summary>
    public static string IoctlsClass(string handle) => handle + IoctlsClassSuffix;

    /// <summary>
    /// The generated types of the support files, at the namespace's top level: records and enums named from the
    /// header must not take these.
    /// </summary>
    public static readonly IReadOnlyList<string> SupportTypes = new[]
    {
        NativeTypeNameAttribute, IoctlDirection, IoctlScope, IoctlAttribute, IoctlValue,
        SubFlagsOfAttribute, ConstantFamilyAttribute,
        Constants, Ioctls, Enumerators, Exit,
        IoctlsClass(SystemHandle), IoctlsClass(VmHandle), IoctlsClass(VcpuHandle), IoctlsClass(DeviceHandle),
        CapabilityContracts, CapabilityContractAttribute, CapabilityGuardAttribute, IoctlMethodAttribute,
    };

    /// <summary>The runtime's types in the default namespace, which a generated type of the same name would hide.</summary>
    public static readonly IReadOnlyList<string> RuntimeTypes = new[]
    {
        "KvmFileDescriptor", SystemHandle, VmHandle, VcpuHandle, DeviceHandle, GuestMemory, "FlexibleArrayBuffer",
        "KvmException", "LinuxErrno", "EventFd", "KvmVcpuThread", "UapiFileDescriptor", "UapiException",
        "VhostNet", "VhostVsock", "VfioContainer", "VfioGroup", "VfioDevice", "Iommufd", "Userfaultfd", "UserfaultfdDevice", "TunDevice",
    };
}
