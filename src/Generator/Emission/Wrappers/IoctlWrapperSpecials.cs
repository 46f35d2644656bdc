using System.Globalization;
using KvmSharp.Generator.Emission.Records;
using KvmSharp.Generator.Model;

namespace KvmSharp.Generator.Emission.Wrappers;

/// <summary>
/// Ioctls whose meaning the direction does not tell: the ones that create an fd (they return its runtime
/// object), <c>KVM_CHECK_EXTENSION</c> (a capability, not a number), <c>KVM_ENABLE_CAP</c> and
/// <c>KVM_SET_USER_MEMORY_REGION</c> (a form that fills the struct). Each falls back to the plain forms when
/// the header lacks what it needs (the capability enum, a struct member), so an unusual header still compiles.
/// </summary>
internal static class IoctlWrapperSpecials
{
    private const string Runtime = IoctlWrapperContext.Runtime;

    /// <summary>Writes the special forms of <paramref name="ioctl"/>; false when it has none and the plain forms apply.</summary>
    public static bool TryWrite(IoctlWrapperWriter m, IoctlModel ioctl)
    {
        var scope = m.Scope;
        switch (ioctl.Name)
        {
            case "KVM_RUN" when scope == IoctlScope.Vcpu && IoctlWrapperRun.Supported(m.Context):
                IoctlWrapperRun.WriteMethods(m, ioctl);
                return true;
            case "KVM_CHECK_EXTENSION" when ioctl.Direction == IoctlDirection.None && m.Context.Capabilities is not null:
                CheckExtension(m, ioctl);
                return true;
            case "KVM_CREATE_VM" when scope == IoctlScope.System && ioctl.Direction == IoctlDirection.None:
                m.Begin(ioctl, "creates a VM.", new[] { ("machineType", "The machine type: 0 for the default (on arm64, the IPA size; on s390, ucontrol).") },
                    "The VM; it remembers this <c>/dev/kvm</c> as its <c>System</c>.");
                m.W.Line($"public static {Runtime}KvmVm {m.Name(ioctl)}({m.This}, ulong machineType = 0) => {m.Self}.IoctlCreateVm({m.Context.Request(ioctl)}, machineType, {IoctlWrapperWriter.CName(ioctl)});");
                return true;
            case "KVM_CREATE_VCPU" when scope == IoctlScope.Vm && ioctl.Direction == IoctlDirection.None:
                CreateVcpu(m, ioctl);
                return true;
            case "KVM_CREATE_DEVICE" when scope == IoctlScope.Vm && ioctl.Direction == IoctlDirection.ReadWrite && CreatedFd(m.Context, ioctl) is not null:
                CreateDevice(m, ioctl);
                return true;
            case "KVM_GET_STATS_FD" when ioctl.Direction == IoctlDirection.None:
                m.Begin(ioctl, "opens the binary statistics of the fd.", Array.Empty<(string, string)>(),
                    "The statistics fd, owned by the caller (read it with <c>pread</c>: a <c>struct kvm_stats_header</c>, descriptors, data).");
                m.W.Line($"public static global::Microsoft.Win32.SafeHandles.SafeFileHandle {m.Name(ioctl)}({m.This}) => new({m.Self}.IoctlReturningFileDescriptor({m.Context.Request(ioctl)}, 0ul, {IoctlWrapperWriter.CName(ioctl)}), ownsHandle: true);");
                return true;
            case "KVM_IRQFD" when scope == IoctlScope.Vm && IoctlWrapperEventFds.SupportsIrqfd(m.Context, ioctl):
                IoctlWrapperMethods.Write(m, ioctl);
                IoctlWrapperEventFds.WriteIrqfd(m, ioctl);
                return true;
            case "KVM_IOEVENTFD" when scope == IoctlScope.Vm && IoctlWrapperEventFds.SupportsIoeventfd(m.Context, ioctl):
                IoctlWrapperMethods.Write(m, ioctl);
                IoctlWrapperEventFds.WriteIoeventfd(m, ioctl);
                return true;
            case "KVM_ENABLE_CAP" when ioctl.Direction == IoctlDirection.Write:
                IoctlWrapperMethods.Write(m, ioctl);
                EnableCap(m, ioctl);
                return true;
            case "KVM_SET_USER_MEMORY_REGION" or "KVM_SET_USER_MEMORY_REGION2"
                when scope == IoctlScope.Vm && ioctl.Direction == IoctlDirection.Write && RegionMembers(m.Context, ioctl) is not null:
                UserMemoryRegion(m, ioctl);
                return true;
            default:
                return false;
        }
    }

    private static void CheckExtension(IoctlWrapperWriter m, IoctlModel ioctl)
    {
        var capability = m.Context.EnumType(m.Context.Capabilities!);
        var request = m.Context.Request(ioctl);
        var parameter = ("capability", "The <c>KVM_CAP_*</c> to ask about.");
        const string answer = "0 when it is absent; when present, 1 or a value the capability defines (a count, a size).";
        m.Begin(ioctl, "asks whether a capability is available.", new[] { parameter }, answer);
        m.W.Line($"public static int {m.Name(ioctl)}({m.This}, {capability} capability) => {m.Self}.Ioctl({request}, unchecked((ulong)capability), {IoctlWrapperWriter.CName(ioctl)});");
        m.Begin(ioctl, "asks whether a capability is available, without throwing when the fd does not take the question (a VM fd before <c>KVM_CAP_CHECK_EXTENSION_VM</c>).",
            new[] { parameter, ("value", answer + " -1 when the kernel refused.") },
            "0 when the kernel answered, else its errno (see <see cref=\"global::KvmSharp.LinuxErrno\"/>).", throws: false);
        m.W.Line($"public static int Try{m.Name(ioctl)}({m.This}, {capability} capability, out int value) => {m.Self}.TryIoctl({request}, unchecked((ulong)capability), out value);");
    }

    // The mmap size is a /dev/kvm question: the VM's System answers it, or a /dev/kvm opened for the purpose when
    // the VM was adopted from a bare fd or its System is already disposed.
    private static void CreateVcpu(IoctlWrapperWriter m, IoctlModel ioctl)
    {
        var mmapSize = m.Context.Find("KVM_GET_VCPU_MMAP_SIZE");
        m.Begin(ioctl, mmapSize is null ? "creates a vCPU." : "creates a vCPU and maps its <c>struct kvm_run</c>.",
            new[] { ("id", "The vCPU id (the APIC id on x86, the index of MPIDR on arm64).") },
            "The vCPU, which keeps its VM alive." + (mmapSize is null ? "" : " Its kvm_run is mapped (<c>KVM_GET_VCPU_MMAP_SIZE</c> bytes)."));
        using (m.W.Open($"public static {Runtime}KvmVcpu {m.Name(ioctl)}({m.This}, ulong id)"))
        {
            m.W.Line($"var vcpu = {m.Self}.IoctlCreateVcpu({m.Context.Request(ioctl)}, id, {IoctlWrapperWriter.CName(ioctl)});");
            if (mmapSize is null)
            {
                m.W.Line("return vcpu;");
                return;
            }
            m.W.Line("try");
            m.W.Line("{");
            m.W.Line($"    var system = {m.Self}.System;");
            m.W.Line("    int size;");
            m.W.Line("    if (system is { IsDisposed: false })");
            m.W.Line($"        size = system.Ioctl({m.Context.Request(mmapSize)}, 0ul, {IoctlWrapperWriter.CName(mmapSize)});");
            m.W.Line("    else");
            m.W.Line("    {");
            m.W.Line($"        using var opened = {Runtime}KvmSystem.Open();");
            m.W.Line($"        size = opened.Ioctl({m.Context.Request(mmapSize)}, 0ul, {IoctlWrapperWriter.CName(mmapSize)});");
            m.W.Line("    }");
            m.W.Line("    vcpu.MapRunStructure(size);");
            m.W.Line("    return vcpu;");
            m.W.Line("}");
            m.W.Line("catch");
            m.W.Line("{");
            m.W.Line("    vcpu.Dispose();");
            m.W.Line("    throw;");
            m.W.Line("}");
        }
    }

    /// <summary>The C# names of the struct's <c>fd</c> and <c>flags</c> members (flags may be absent).</summary>
    private static (string Fd, string? Flags)? CreatedFd(IoctlWrapperContext context, IoctlModel ioctl)
    {
        var plan = context.Record(ioctl.Argument?.RecordKey);
        return IoctlWrapperContext.Member(plan, "fd") is { } fd ? (fd.Name, IoctlWrapperContext.Member(plan, "flags")?.Name) : null;
    }

    private static void CreateDevice(IoctlWrapperWriter m, IoctlModel ioctl)
    {
        var argument = IoctlArgument.Of(ioctl, m.Context, m.Self)!;
        var (fd, flags) = CreatedFd(m.Context, ioctl)!.Value;
        var test = m.Context.Model.Constants.FirstOrDefault(c => c.Name == "KVM_CREATE_DEVICE_TEST");
        m.Begin(ioctl, "creates a device in the VM; the kernel writes its fd into the struct.",
            new[] { (argument.Name, "The device type and flags; the kernel fills in the fd.") },
            test is null ? "The device, which keeps its VM alive." : "The device, which keeps its VM alive; null with <c>KVM_CREATE_DEVICE_TEST</c>, which creates none.");
        using (m.W.Open($"public static {Runtime}KvmDevice{(test is null ? "" : "?")} {m.Name(ioctl)}({m.This}, {IoctlWrapperWriter.Native(argument.Spelling)}ref {argument.Type} {argument.Name})"))
        {
            m.W.Line($"{m.Self}.IoctlReadWrite({m.Context.Request(ioctl)}, ref {argument.Name}, {IoctlWrapperWriter.CName(ioctl)});");
            if (test is not null && flags is not null)
            {
                m.W.Line($"if (({argument.Name}.{flags} & {test.Value.ToString(CultureInfo.InvariantCulture)}) != 0)");
                m.W.Line("    return null;");
            }
            m.W.Line($"return {Runtime}KvmDevice.FromFileDescriptor((int){argument.Name}.{fd}, {m.Self});");
        }
    }

    private static void EnableCap(IoctlWrapperWriter m, IoctlModel ioctl)
    {
        var plan = m.Context.Record(ioctl.Argument?.RecordKey);
        var cap = IoctlWrapperContext.Member(plan, "cap");
        var flags = IoctlWrapperContext.Member(plan, "flags");
        var args = IoctlWrapperContext.Member(plan, "args");
        if (m.Context.Capabilities is null || plan is null || cap is null || flags is null)
            return;
        var argCount = args?.Field is { ArrayDimensions.Count: 1 } field && IoctlWrapperContext.Scalar(field.Type) is not null ? (int)field.ArrayDimensions[0] : 0;
        var argType = argCount > 0 ? IoctlWrapperContext.Scalar(args!.Field!.Type)! : "";
        var parameters = new List<(string, string)> { ("capability", "The <c>KVM_CAP_*</c> to enable."), ("flags", "The capability's flags; 0 for most.") };
        var signature = $"{m.This}, {m.Context.EnumType(m.Context.Capabilities)} capability, {flags.Type} flags = 0";
        for (var i = 0; i < argCount; i++)
        {
            parameters.Add((GeneratedNames.EnableCapArgument(i), $"<c>args[{i}]</c>, as the capability defines it."));
            signature += $", {argType} {GeneratedNames.EnableCapArgument(i)} = 0";
        }
        m.Begin(ioctl, "enables a capability, filling the struct from the arguments.", parameters, "The kernel's non-negative result.");
        using (m.W.Open($"public static int {m.Name(ioctl)}({signature})"))
        {
            m.W.Line($"var enableCap = new {plan.FullName} {{ {cap.Name} = unchecked(({cap.Type})capability), {flags.Name} = flags }};");
            for (var i = 0; i < argCount; i++)
                m.W.Line($"enableCap.{args!.Name}[{i}] = {GeneratedNames.EnableCapArgument(i)};");
            m.W.Line($"return {m.Self}.IoctlWrite({m.Context.Request(ioctl)}, in enableCap, {IoctlWrapperWriter.CName(ioctl)});");
        }
        if (!EnableCapValueEmitter.Applies(m.Context) || argCount == 0)
            return;

        // The typed form: flags and args as the header's flag enums or numbers, no casts. flags has no default, so a
        // call with numbers only (or none) keeps resolving to the form above.
        var value = m.Context.Namespace + EnableCapValueEmitter.TypeName;
        var typed = $"{m.This}, {m.Context.EnumType(m.Context.Capabilities)} capability, {value} flags";
        var forwarded = $"capability, unchecked(({flags.Type})flags.Value)";
        for (var i = 0; i < argCount; i++)
        {
            typed += $", {value} {GeneratedNames.EnableCapArgument(i)} = default";
            forwarded += $", unchecked(({argType}){GeneratedNames.EnableCapArgument(i)}.Value)";
        }
        m.Begin(ioctl, "enables a capability; flags and args may be the header's flag and sub-flag enums, with no cast.", parameters, "The kernel's non-negative result.");
        m.W.Line($"public static int {m.Name(ioctl)}({typed}) => {m.Name(ioctl)}({m.Self}, {forwarded});");
    }

    private static readonly string[] RegionCNames = { "slot", "flags", "guest_phys_addr", "memory_size", "userspace_addr" };

    private static MemberPlan[]? RegionMembers(IoctlWrapperContext context, IoctlModel ioctl)
    {
        var plan = context.Record(ioctl.Argument?.RecordKey);
        var members = RegionCNames.Select(n => IoctlWrapperContext.Member(plan, n)).OfType<MemberPlan>().ToArray();
        return members.Length == RegionCNames.Length ? members : null;
    }

    // Both forms keep the VM's bookkeeping of guest memory right: the GuestMemory form holds the mapping for as
    // long as the slot points at it; the struct form, whose memory the caller manages, forgets a deleted slot.
    private static void UserMemoryRegion(IoctlWrapperWriter m, IoctlModel ioctl)
    {
        var argument = IoctlArgument.Of(ioctl, m.Context, m.Self)!;
        var members = RegionMembers(m.Context, ioctl)!;
        var (slot, flags, gpa, size, host) = (members[0], members[1], members[2], members[3], members[4]);
        var name = m.Name(ioctl);
        var request = m.Context.Request(ioctl);

        m.Begin(ioctl, "sets, moves or (with size 0) deletes a memory slot; the caller keeps the memory mapped.",
            new[] { (argument.Name, "The slot, its flags, where the guest sees it, its size and the host address.") }, "The kernel's non-negative result.");
        using (m.W.Open($"public static int {name}({m.This}, {IoctlWrapperWriter.Native(argument.Spelling)}in {argument.Type} {argument.Name})"))
        {
            m.W.Line($"var result = {m.Self}.IoctlWrite({request}, in {argument.Name}, {IoctlWrapperWriter.CName(ioctl)});");
            m.W.Line($"if ({argument.Name}.{size.Name} == 0)");
            m.W.Line($"    {m.Self}.UntrackUserMemory({argument.Name}.{slot.Name});");
            m.W.Line("return result;");
        }

        m.Begin(ioctl, "points a memory slot at guest memory; the VM keeps the memory mapped until the slot is deleted or replaced, or the VM is gone.",
            new[]
            {
                ("slot", "The slot (on architectures with several address spaces, the address space in the high 16 bits)."),
                ("guestPhysAddr", "Where the guest sees the memory."),
                ("memory", "The memory; all of it goes into the slot."),
                ("flags", "<c>KVM_MEM_*</c> flags, such as <c>KVM_MEM_LOG_DIRTY_PAGES</c>."),
            }, "The kernel's non-negative result.");
        using (m.W.Open($"public static int {name}({m.This}, {slot.Type} slot, {gpa.Type} guestPhysAddr, {Runtime}GuestMemory memory, {flags.Type} flags = 0)"))
        {
            m.W.Line("global::System.ArgumentNullException.ThrowIfNull(memory);");
            m.W.Line($"var region = new {argument.Type} {{ {slot.Name} = slot, {flags.Name} = flags, {gpa.Name} = guestPhysAddr, {size.Name} = memory.Size, {host.Name} = memory.HostAddress }};");
            m.W.Line($"return {m.Self}.IoctlSetUserMemory({request}, in region, slot, memory, {IoctlWrapperWriter.CName(ioctl)});");
        }
    }
}
