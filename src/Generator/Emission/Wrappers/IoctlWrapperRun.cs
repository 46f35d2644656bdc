using System.Globalization;
using KvmSharp.Generator.Emission.Records;
using KvmSharp.Generator.Model;

namespace KvmSharp.Generator.Emission.Wrappers;

/// <summary>
/// <c>KVM_RUN</c> and the vCPU's <c>struct kvm_run</c>: <c>Run</c>/<c>TryRun</c> returning a <c>KvmExit</c> over
/// the mapping, <c>RunState</c> and <c>SetImmediateExit</c>. The run loop is a VMM's hot path, so none of it
/// allocates: the exit is a ref struct over the kernel's page, and strings are only built to throw.
/// </summary>
internal static class IoctlWrapperRun
{
    private const string Runtime = IoctlWrapperContext.Runtime;
    private const string MemoryMarshal = "global::System.Runtime.InteropServices.MemoryMarshal";

    /// <summary>Whether the header's <c>struct kvm_run</c> has what <c>KvmExit</c> needs: its <c>exit_reason</c>.</summary>
    public static bool Supported(IoctlWrapperContext context)
        => IoctlWrapperContext.Member(context.Record("kvm_run"), "exit_reason") is not null;

    public static void WriteMethods(IoctlWrapperWriter m, IoctlModel ioctl)
    {
        var run = m.Context.Record("kvm_run")!;
        var exit = m.Context.Namespace + GeneratedNames.Exit;
        var request = m.Context.Request(ioctl);
        var name = m.Name(ioctl);

        m.Begin(ioctl, "runs the vCPU until it exits to user space.", Array.Empty<(string, string)>(),
            "Why it exited, over the vCPU's kvm_run. A signal or <c>immediate_exit</c> (EINTR) is an exit too: " +
            "<c>IsInterrupted</c> is then true. Valid until the next run or until the vCPU is disposed.",
            moreDocs: new[] { "<exception cref=\"global::System.InvalidOperationException\">The vCPU's kvm_run is not mapped.</exception>" });
        using (m.W.Open($"public static {exit} {name}({m.This})"))
        {
            // Taken first: a vCPU that cannot show its exit must not run.
            m.W.Line($"var mapping = {m.Self}.RunStructureBytes;");
            m.W.Line($"var errno = {m.Self}.TryIoctl({request}, 0ul, out _);");
            m.W.Line($"if (errno != 0 && errno != {Runtime}LinuxErrno.EINTR)");
            m.W.Line($"    throw new {IoctlWrapperWriter.KvmException}({IoctlWrapperWriter.CName(ioctl)}, errno);");
            m.W.Line($"return new {exit}(mapping, errno != 0);");
        }

        m.Begin(ioctl, "runs the vCPU until it exits to user space, without throwing when the kernel refuses.",
            new[] { ("exit", "The vCPU's kvm_run, whatever the result (after a failure it holds what the kernel left).") },
            "0, or the errno: EINTR for an interrupted run (<c>IsInterrupted</c>), else why the kernel refused.", throws: false,
            moreDocs: new[] { "<exception cref=\"global::System.InvalidOperationException\">The vCPU's kvm_run is not mapped.</exception>" });
        using (m.W.Open($"public static int Try{name}({m.This}, out {exit} exit)"))
        {
            m.W.Line($"var mapping = {m.Self}.RunStructureBytes;");
            m.W.Line($"var errno = {m.Self}.TryIoctl({request}, 0ul, out _);");
            m.W.Line($"exit = new {exit}(mapping, errno == {Runtime}LinuxErrno.EINTR);");
            m.W.Line("return errno;");
        }

        m.BeginHelper();
        IoctlWrapperWriter.XmlSummary(m.W, "The vCPU's <c>struct kvm_run</c>, in place in the shared mapping: what the kernel reports and what user space\n" +
            "hands back (port input, MMIO reads, <c>request_interrupt_window</c>). Not to be used after the vCPU is disposed.");
        m.W.Line($"/// <param name=\"{m.Self}\">The vCPU, with its kvm_run mapped.</param>");
        m.W.Line("/// <exception cref=\"global::System.InvalidOperationException\">The vCPU's kvm_run is not mapped.</exception>");
        m.W.Line("/// <exception cref=\"global::System.ObjectDisposedException\">The vCPU is disposed.</exception>");
        m.W.Line($"public static ref {run.FullName} RunState({m.This}) => ref {MemoryMarshal}.AsRef<{run.FullName}>({m.Self}.RunStructureBytes);");

        if (IoctlWrapperContext.Member(run, "immediate_exit") is not { } immediate)
            return;
        m.BeginHelper();
        IoctlWrapperWriter.XmlSummary(m.W, "Sets <c>kvm_run.immediate_exit</c>: while it is set, <c>KVM_RUN</c> returns at once with EINTR instead of entering\n" +
            "the guest. Safe from any thread. It only stops a run that is starting; to stop one in progress, set it, then signal the\n" +
            "vCPU's thread (a signal with a handler). Clear it before running again.");
        m.W.Line($"/// <param name=\"{m.Self}\">The vCPU, with its kvm_run mapped.</param>");
        m.W.Line("/// <param name=\"value\">Whether the next <c>KVM_RUN</c> returns at once.</param>");
        m.W.Line("/// <exception cref=\"global::System.InvalidOperationException\">The vCPU's kvm_run is not mapped.</exception>");
        m.W.Line("/// <exception cref=\"global::System.ObjectDisposedException\">The vCPU is disposed.</exception>");
        using (m.W.Open($"public static void SetImmediateExit({m.This}, bool value)"))
        {
            m.W.Line("var added = false;");
            m.W.Line("try");
            m.W.Line("{");
            m.W.Line("    // Held so that a Dispose on another thread cannot unmap kvm_run under the write.");
            m.W.Line($"    {m.Self}.DangerousAddRef(ref added);");
            m.W.Line($"    global::System.Threading.Volatile.Write(ref RunState({m.Self}).{immediate.Name}, value ? ({immediate.Type})1 : ({immediate.Type})0);");
            m.W.Line("}");
            m.W.Line("finally");
            m.W.Line("{");
            m.W.Line("    if (added)");
            m.W.Line($"        {m.Self}.DangerousRelease();");
            m.W.Line("}");
        }
    }

    /// <summary>The <c>KvmExit</c> file.</summary>
    public static GeneratedSource ExitType(IoctlWrapperContext context)
    {
        var run = context.Record("kvm_run")!;
        var reasons = context.ExitReasons;
        var exitReason = IoctlWrapperContext.Member(run, "exit_reason")!;
        var w = new IndentedWriter();
        SupportFile.Header(w);
        using (w.Open($"namespace {context.Options.Namespace}"))
        {
            IoctlWrapperWriter.XmlSummary(w, "Why <c>KVM_RUN</c> returned: a view of the vCPU's <c>struct kvm_run</c> in the kernel's shared page, with the\n" +
                "data of port I/O and MMIO exits at hand. Valid until the next run; allocation-free.");
            using (w.Open($"{context.Options.Accessibility} readonly ref struct {GeneratedNames.Exit}"))
            {
                w.Line($"private readonly ref {run.FullName} state;");
                w.Line("private readonly global::System.Span<byte> mapping;");
                w.Line();
                IoctlWrapperWriter.XmlSummary(w, "An exit over <paramref name=\"mapping\"/>, the whole kvm_run mapping.");
                w.Line("/// <param name=\"mapping\">The vCPU's mapping; kvm_run is at its start.</param>");
                w.Line("/// <param name=\"isInterrupted\">Whether <c>KVM_RUN</c> failed with EINTR.</param>");
                using (w.Open("internal KvmExit(global::System.Span<byte> mapping, bool isInterrupted)"))
                {
                    w.Line($"state = ref {MemoryMarshal}.AsRef<{run.FullName}>(mapping);");
                    w.Line("this.mapping = mapping;");
                    w.Line("IsInterrupted = isInterrupted;");
                }
                w.Line();
                IoctlWrapperWriter.XmlSummary(w, "The whole <c>struct kvm_run</c>, writable: port input and MMIO read data go back to the guest through it.");
                w.Line($"public ref {run.FullName} State => ref state;");
                w.Line();
                // immediate_exit stops a run before it starts without writing exit_reason, which then still says
                // what the previous exit was: an interrupted run reports KVM_EXIT_INTR whatever the page holds.
                var intr = Constant(context, "KVM_EXIT_INTR");
                w.Line($"private {exitReason.Type} ReasonValue => {(intr is null ? "" : $"IsInterrupted ? {intr} : ")}state.{exitReason.Name};");
                w.Line();
                IoctlWrapperWriter.XmlSummary(w, "<c>kvm_run.exit_reason</c>; <c>KVM_EXIT_INTR</c> for an interrupted run.");
                w.Line(reasons is null
                    ? $"public {exitReason.Type} Reason => ReasonValue;"
                    : $"public {context.EnumType(reasons)} Reason => ({context.EnumType(reasons)})ReasonValue;");
                w.Line();
                IoctlWrapperWriter.XmlSummary(w, "Whether <c>KVM_RUN</c> came back with EINTR: a signal arrived or <c>immediate_exit</c> was set, and the guest\n" +
                    "stopped without a real exit. The page's <c>exit_reason</c> may then be stale; <see cref=\"Reason\"/> says <c>KVM_EXIT_INTR</c>.");
                w.Line("public bool IsInterrupted { get; }");
                PortIo(w, context, run);
                Mmio(w, context, run);
            }
        }
        return new GeneratedSource("KvmSharp.Ioctls.KvmExit.g.cs", w.ToString());
    }

    private static void PortIo(IndentedWriter w, IoctlWrapperContext context, RecordPlan run)
    {
        var io = IoctlWrapperContext.Member(run, "io");
        var members = new[] { "direction", "size", "port", "count", "data_offset" }.Select(n => IoctlWrapperContext.Member(io?.Nested, n)).ToArray();
        var exitIo = Constant(context, "KVM_EXIT_IO");
        if (io is null || members.Any(x => x is null) || exitIo is null)
            return;
        var (direction, size, port, count, dataOffset) = (members[0]!, members[1]!, members[2]!, members[3]!, members[4]!);
        var isIo = $"ReasonValue == {exitIo}";
        w.Line();
        IoctlWrapperWriter.XmlSummary(w, "<c>kvm_run.io.port</c>: the port of a <c>KVM_EXIT_IO</c>.");
        w.Line($"public {port.Type} IoPort => state.{io.Name}.{port.Name};");
        if (Constant(context, "KVM_EXIT_IO_OUT") is { } outValue)
        {
            w.Line();
            IoctlWrapperWriter.XmlSummary(w, "Whether a <c>KVM_EXIT_IO</c> is an OUT (the guest wrote <see cref=\"IoData\"/>) rather than an IN (the guest reads what is put there).");
            // The member is KvmExitIo when the header defines the values right above it (FieldFamilies), else its integer type.
            w.Line($"public bool IoIsOut => unchecked((ulong)state.{io.Name}.{direction.Name}) == unchecked((ulong){outValue});");
        }
        w.Line();
        IoctlWrapperWriter.XmlSummary(w, "<c>kvm_run.io.size</c>: the bytes of one access (1, 2 or 4).");
        w.Line($"public int IoSize => state.{io.Name}.{size.Name};");
        w.Line();
        IoctlWrapperWriter.XmlSummary(w, "<c>kvm_run.io.count</c>: the number of accesses (more than 1 for a string instruction such as <c>rep outsb</c>).");
        w.Line($"public int IoCount => checked((int)state.{io.Name}.{count.Name});");
        w.Line();
        IoctlWrapperWriter.XmlSummary(w, "The data of a <c>KVM_EXIT_IO</c>, <c>size * count</c> bytes at <c>kvm_run.io.data_offset</c> in the mapping: what the guest\n" +
            "wrote for an OUT, where to put what it reads for an IN. Empty for other exits.");
        w.Line($"public global::System.Span<byte> IoData => {isIo}");
        w.Line($"    ? mapping.Slice(checked((int)state.{io.Name}.{dataOffset.Name}), checked(state.{io.Name}.{size.Name} * (int)state.{io.Name}.{count.Name}))");
        w.Line("    : default;");
    }

    private static void Mmio(IndentedWriter w, IoctlWrapperContext context, RecordPlan run)
    {
        var mmio = IoctlWrapperContext.Member(run, "mmio");
        var members = new[] { "phys_addr", "data", "len", "is_write" }.Select(n => IoctlWrapperContext.Member(mmio?.Nested, n)).ToArray();
        var exitMmio = Constant(context, "KVM_EXIT_MMIO");
        if (mmio is null || members.Any(x => x is null) || exitMmio is null)
            return;
        var (address, data, length, isWrite) = (members[0]!, members[1]!, members[2]!, members[3]!);
        // The data bytes sit at a fixed place in kvm_run: mmio's offset (from the start, through the anonymous union) plus data's.
        var dataOffset = (mmio.Offset + data.Offset).ToString(CultureInfo.InvariantCulture);
        var capacity = data.Field!.Size.ToString(CultureInfo.InvariantCulture);
        w.Line();
        IoctlWrapperWriter.XmlSummary(w, "<c>kvm_run.mmio.phys_addr</c>: the guest physical address of a <c>KVM_EXIT_MMIO</c>.");
        w.Line($"public {address.Type} MmioAddress => state.{mmio.Name}.{address.Name};");
        w.Line();
        IoctlWrapperWriter.XmlSummary(w, "<c>kvm_run.mmio.is_write</c>: whether the guest wrote <see cref=\"MmioData\"/> rather than reads it.");
        w.Line($"public bool MmioIsWrite => state.{mmio.Name}.{isWrite.Name} != 0;");
        w.Line();
        IoctlWrapperWriter.XmlSummary(w, "<c>kvm_run.mmio.len</c>: the bytes of the access.");
        w.Line($"public int MmioLength => (int)global::System.Math.Min(state.{mmio.Name}.{length.Name}, {capacity}u);");
        w.Line();
        IoctlWrapperWriter.XmlSummary(w, "The data of a <c>KVM_EXIT_MMIO</c> (<c>kvm_run.mmio.data</c>, <c>len</c> bytes): what the guest wrote, or where to put\n" +
            "what it reads. Empty for other exits.");
        w.Line($"public global::System.Span<byte> MmioData => ReasonValue == {exitMmio} ? mapping.Slice({dataOffset}, MmioLength) : default;");
    }

    private static string? Constant(IoctlWrapperContext context, string name) => context.ConstantLiteral(name);
}
