using KvmSharp.Generator.Emission.Records;
using KvmSharp.Generator.Model;

namespace KvmSharp.Generator.Emission.Wrappers;

/// <summary>
/// <c>KVM_IRQFD</c> and <c>KVM_IOEVENTFD</c> with the runtime's <c>EventFd</c>: forms that fill the struct from an
/// eventfd and the GSI, or the address and length, besides the plain struct form. Each needs the struct's members by
/// their C names and the flag constants; a header without them keeps the plain form only.
/// </summary>
internal static class IoctlWrapperEventFds
{
    private const string EventFd = IoctlWrapperContext.Runtime + "EventFd";

    /// <summary>Whether the header has what the <c>KVM_IRQFD</c> form needs.</summary>
    public static bool SupportsIrqfd(IoctlWrapperContext context, IoctlModel ioctl)
        => ioctl.Direction == IoctlDirection.Write && Members(context, ioctl, "fd", "gsi", "flags", "resamplefd") is not null
           && Constant(context, "KVM_IRQFD_FLAG_DEASSIGN") is not null && Constant(context, "KVM_IRQFD_FLAG_RESAMPLE") is not null;

    /// <summary>Whether the header has what the <c>KVM_IOEVENTFD</c> form needs.</summary>
    public static bool SupportsIoeventfd(IoctlWrapperContext context, IoctlModel ioctl)
        => ioctl.Direction == IoctlDirection.Write && Members(context, ioctl, "datamatch", "addr", "len", "fd", "flags") is not null
           && new[] { "KVM_IOEVENTFD_FLAG_DATAMATCH", "KVM_IOEVENTFD_FLAG_PIO", "KVM_IOEVENTFD_FLAG_DEASSIGN" }.All(n => Constant(context, n) is not null);

    public static void WriteIrqfd(IoctlWrapperWriter m, IoctlModel ioctl)
    {
        var argument = IoctlArgument.Of(ioctl, m.Context, m.Self)!;
        var (fd, gsi, flags, resample) = Tuple(Members(m.Context, ioctl, "fd", "gsi", "flags", "resamplefd")!);
        m.Begin(ioctl, "connects an eventfd to a GSI: each <c>Signal</c> of it raises the interrupt, without a trip through a vCPU thread.",
            new[]
            {
                ("eventFd", "The eventfd to connect (or, with <paramref name=\"deassign\"/>, to disconnect)."),
                ("gsi", "The GSI: with the in-kernel irqchip's default routing on x86, the ISA IRQ or IOAPIC pin."),
                ("resampleFd", "For a level-triggered interrupt, the eventfd KVM signals when the guest acknowledges it (<c>KVM_IRQFD_FLAG_RESAMPLE</c>); null for an edge."),
                ("deassign", "Whether to disconnect <paramref name=\"eventFd\"/> instead (<c>KVM_IRQFD_FLAG_DEASSIGN</c>)."),
            }, "The kernel's non-negative result.");
        using (m.W.Open($"public static int {m.Name(ioctl)}({m.This}, {EventFd} eventFd, {gsi.Type} gsi, {EventFd}? resampleFd = null, bool deassign = false)"))
        {
            m.W.Line("global::System.ArgumentNullException.ThrowIfNull(eventFd);");
            m.W.Line($"var request = new {argument.Type} {{ {fd.Name} = unchecked(({fd.Type})eventFd.FileDescriptor), {gsi.Name} = gsi }};");
            m.W.Line("if (resampleFd is not null)");
            m.W.Line("{");
            m.W.Line($"    request.{resample.Name} = unchecked(({resample.Type})resampleFd.FileDescriptor);");
            m.W.Line($"    request.{flags.Name} |= {Constant(m.Context, "KVM_IRQFD_FLAG_RESAMPLE")};");
            m.W.Line("}");
            m.W.Line("if (deassign)");
            m.W.Line($"    request.{flags.Name} |= {Constant(m.Context, "KVM_IRQFD_FLAG_DEASSIGN")};");
            m.W.Line($"return {m.Self}.IoctlWrite({m.Context.Request(ioctl)}, in request, {IoctlWrapperWriter.CName(ioctl)});");
        }
    }

    public static void WriteIoeventfd(IoctlWrapperWriter m, IoctlModel ioctl)
    {
        var argument = IoctlArgument.Of(ioctl, m.Context, m.Self)!;
        var members = Members(m.Context, ioctl, "datamatch", "addr", "len", "fd", "flags")!;
        var (datamatch, address, length, fd, flags) = (members[0], members[1], members[2], members[3], members[4]);
        m.Begin(ioctl, "makes a guest's write to a port or MMIO address count on an eventfd instead of exiting to user space.",
            new[]
            {
                ("eventFd", "The eventfd that counts the writes (or, with <paramref name=\"deassign\"/>, the one to disconnect)."),
                ("address", "The port (with <paramref name=\"pio\"/>) or guest-physical MMIO address."),
                ("length", "The access size that matches: 1, 2, 4 or 8 bytes, or 0 for any (MMIO only)."),
                ("pio", "Whether <paramref name=\"address\"/> is an I/O port (<c>KVM_IOEVENTFD_FLAG_PIO</c>) rather than MMIO."),
                ("datamatch", "Only writes of this value count (<c>KVM_IOEVENTFD_FLAG_DATAMATCH</c>); null for any value."),
                ("deassign", "Whether to remove the registration instead (<c>KVM_IOEVENTFD_FLAG_DEASSIGN</c>)."),
            }, "The kernel's non-negative result.");
        using (m.W.Open($"public static int {m.Name(ioctl)}({m.This}, {EventFd} eventFd, {address.Type} address, {length.Type} length, bool pio, {datamatch.Type}? datamatch = null, bool deassign = false)"))
        {
            m.W.Line("global::System.ArgumentNullException.ThrowIfNull(eventFd);");
            m.W.Line($"var request = new {argument.Type} {{ {fd.Name} = unchecked(({fd.Type})eventFd.FileDescriptor), {address.Name} = address, {length.Name} = length }};");
            m.W.Line("if (pio)");
            m.W.Line($"    request.{flags.Name} |= {Constant(m.Context, "KVM_IOEVENTFD_FLAG_PIO")};");
            m.W.Line("if (datamatch is { } value)");
            m.W.Line("{");
            m.W.Line($"    request.{datamatch.Name} = value;");
            m.W.Line($"    request.{flags.Name} |= {Constant(m.Context, "KVM_IOEVENTFD_FLAG_DATAMATCH")};");
            m.W.Line("}");
            m.W.Line("if (deassign)");
            m.W.Line($"    request.{flags.Name} |= {Constant(m.Context, "KVM_IOEVENTFD_FLAG_DEASSIGN")};");
            m.W.Line($"return {m.Self}.IoctlWrite({m.Context.Request(ioctl)}, in request, {IoctlWrapperWriter.CName(ioctl)});");
        }
    }

    private static MemberPlan[]? Members(IoctlWrapperContext context, IoctlModel ioctl, params string[] cNames)
    {
        var plan = context.Record(ioctl.Argument?.RecordKey);
        var members = cNames.Select(n => IoctlWrapperContext.Member(plan, n)).ToArray();
        // Scalars only: the forms assign integers to them.
        return members.All(x => x?.Field is { ArrayDimensions.Count: 0 } field && IoctlWrapperContext.Scalar(field.Type) is not null)
            ? members.Select(x => x!).ToArray()
            : null;
    }

    private static (MemberPlan, MemberPlan, MemberPlan, MemberPlan) Tuple(MemberPlan[] members) => (members[0], members[1], members[2], members[3]);

    private static string? Constant(IoctlWrapperContext context, string name) => context.ConstantLiteral(name);
}
