using KvmSharp.Generator.Model;

namespace KvmSharp.Generator.Emission.Wrappers;

/// <summary>
/// The methods every ioctl gets from its direction alone: <c>_IO</c> passes the integer argument and returns the
/// kernel's result, <c>_IOR</c> returns the value (and has an <c>out</c> form), <c>_IOW</c> takes it <c>in</c> (integers
/// by value), <c>_IOWR</c> takes it <c>ref</c>; a struct ending in a flexible array also takes a
/// <c>FlexibleArrayBuffer</c>; ioctls whose failure is an ordinary answer also get <c>Try</c> forms returning the errno.
/// <c>IoctlCalls.txt</c> (<see cref="Facts.IoctlCallTable"/>) refines the <c>_IO</c> forms (no argument, or a named
/// required one, as api.rst's <c>:Parameters:</c> says) and makes a yes-or-no question return <c>bool</c>.
/// </summary>
internal static class IoctlWrapperMethods
{
    // Failure is an answer here: ENXIO for an attribute the device lacks, ENOENT for a register the vCPU
    // lacks, EINVAL for a capability it cannot enable, E2BIG with the needed count for a list too short.
    private static readonly HashSet<string> WithTry = new(StringComparer.Ordinal)
    {
        "KVM_HAS_DEVICE_ATTR", "KVM_GET_DEVICE_ATTR", "KVM_GET_ONE_REG", "KVM_SET_ONE_REG", "KVM_ENABLE_CAP",
        "KVM_GET_REG_LIST", "KVM_GET_MSR_INDEX_LIST", "KVM_GET_MSR_FEATURE_INDEX_LIST", "KVM_GET_SUPPORTED_CPUID",
        "KVM_GET_EMULATED_CPUID", "KVM_GET_SUPPORTED_HV_CPUID", "KVM_GET_CPUID2",
        // Their typed forms have Try forms of their own; these are for headers that lack what those need.
        "KVM_CHECK_EXTENSION", "KVM_RUN",
    };

    private const string TryReturns = "0 when the kernel accepted the call, else its errno (see <see cref=\"global::KvmSharp.LinuxErrno\"/>).";

    /// <summary>Every form of <paramref name="ioctl"/> for the writer's scope.</summary>
    public static void Write(IoctlWrapperWriter m, IoctlModel ioctl)
    {
        var argument = IoctlArgument.Of(ioctl, m.Context, m.Self);
        var call = Facts.IoctlCallTable.BuiltIn.Find(ioctl.Name);
        if (argument is null && call is { Kind: Facts.IoctlCallKind.None })
            NoArgument(m, ioctl);
        else if (argument is null && call is { Kind: Facts.IoctlCallKind.Value })
            Io(m, ioctl, call.Argument!, $"What the ioctl takes ({IndentedWriter.XmlEscape(call.Source)}).", required: true);
        else if (argument is null)
            Io(m, ioctl, "argument", "The integer argument of the ioctl (C's <c>unsigned long</c>); 0 for ioctls that take none.");
        else if (argument.Kind == ArgumentKind.Record && call is { Kind: Facts.IoctlCallKind.YesNo }
                 && IoctlWrapperQuirks.Direction(ioctl) == IoctlDirection.Write)
        {
            YesNo(m, ioctl, argument, call);
            WriteOrReadWrite(m, ioctl, argument, tryOnly: true);
        }
        else if (argument.Kind == ArgumentKind.Address)
            Address(m, ioctl, argument);
        else if (IoctlWrapperQuirks.Direction(ioctl) == IoctlDirection.Read)
            Read(m, ioctl, argument);
        else
            WriteOrReadWrite(m, ioctl, argument);
        if (argument?.Flexible is not null)
            Flexible(m, ioctl, argument);
    }

    /// <summary>The <c>_IO</c> form with an integer argument named <paramref name="parameter"/>, optional (0) unless <paramref name="required"/>.</summary>
    public static void Io(IoctlWrapperWriter m, IoctlModel ioctl, string parameter, string parameterText, bool required = false)
    {
        var name = m.Name(ioctl);
        m.Begin(ioctl, "issues it with an integer argument.", new[] { (parameter, parameterText) }, "The kernel's non-negative result.");
        m.W.Line($"public static int {name}({m.This}, ulong {parameter}{(required ? "" : " = 0")}) => {m.Self}.Ioctl({m.Context.Request(ioctl)}, {parameter}, {IoctlWrapperWriter.CName(ioctl)});");
        if (!WithTry.Contains(ioctl.Name))
            return;
        m.Begin(ioctl, "issues it without throwing when the kernel refuses.",
            new[] { (parameter, parameterText), ("result", "The kernel's result; -1 when it refused.") }, TryReturns, throws: false);
        m.W.Line($"public static int Try{name}({m.This}, ulong {parameter}, out int result) => {m.Self}.TryIoctl({m.Context.Request(ioctl)}, {parameter}, out result);");
    }

    // An _IO ioctl that takes nothing (api.rst ":Parameters: none"): no parameter to fill with a meaningless 0.
    private static void NoArgument(IoctlWrapperWriter m, IoctlModel ioctl)
    {
        var name = m.Name(ioctl);
        m.Begin(ioctl, "issues it; it takes no argument.", Array.Empty<(string, string)>(), "The kernel's non-negative result.");
        m.W.Line($"public static int {name}({m.This}) => {m.Self}.Ioctl({m.Context.Request(ioctl)}, 0ul, {IoctlWrapperWriter.CName(ioctl)});");
        if (!WithTry.Contains(ioctl.Name))
            return;
        m.Begin(ioctl, "issues it without throwing when the kernel refuses.", new[] { ("result", "The kernel's result; -1 when it refused.") }, TryReturns, throws: false);
        m.W.Line($"public static int Try{name}({m.This}, out int result) => {m.Self}.TryIoctl({m.Context.Request(ioctl)}, 0ul, out result);");
    }

    // A yes-or-no question (KVM_HAS_DEVICE_ATTR): the kernel answers "no" with an errno, which is not a failure.
    private static void YesNo(IoctlWrapperWriter m, IoctlModel ioctl, IoctlArgument argument, Facts.IoctlCall call)
    {
        var native = IoctlWrapperWriter.Native(argument.Spelling);
        m.Begin(ioctl, "asks a yes-or-no question.", new[] { (argument.Name, "What the kernel reads.") },
            $"True when the kernel answers 0, false when it answers <c>{call.NoErrno}</c> ({IndentedWriter.XmlEscape(call.Source)}).");
        using (m.W.Open($"public static bool {m.Name(ioctl)}({m.This}, {native}in {argument.Type} {argument.Name})"))
        {
            m.W.Line($"var errno = {m.Self}.TryIoctlWrite({m.Context.Request(ioctl)}, in {argument.Name});");
            m.W.Line($"if (errno == 0)");
            m.W.Line("    return true;");
            m.W.Line($"if (errno == {IoctlWrapperContext.Runtime}LinuxErrno.{call.NoErrno})");
            m.W.Line("    return false;");
            m.W.Line($"throw new {IoctlWrapperContext.Runtime}KvmException({IoctlWrapperWriter.CName(ioctl)}, errno);");
        }
    }

    private static void Address(IoctlWrapperWriter m, IoctlModel ioctl, IoctlArgument argument)
    {
        m.Begin(ioctl, "C# has no struct for the argument, so the caller passes its address.",
            new[] { (argument.Name, $"The address of the <c>{IndentedWriter.XmlEscape(argument.Spelling)}</c>.") }, "The kernel's non-negative result.");
        m.W.Line($"public static int {m.Name(ioctl)}({m.This}, nint {argument.Name}) => {m.Self}.Ioctl({m.Context.Request(ioctl)}, {argument.Name}, {IoctlWrapperWriter.CName(ioctl)});");
    }

    private static void Read(IoctlWrapperWriter m, IoctlModel ioctl, IoctlArgument argument)
    {
        var name = m.Name(ioctl);
        var request = m.Context.Request(ioctl);
        var native = IoctlWrapperWriter.Native(argument.Spelling);
        m.Begin(ioctl, "returns what the kernel wrote.", Array.Empty<(string, string)>(), "What the kernel wrote.");
        m.W.Line($"[return: NativeTypeName({CSharpNames.Literal(argument.Spelling)})]");
        using (m.W.Open($"public static {argument.Type} {name}({m.This})"))
        {
            m.W.Line($"{m.Self}.IoctlRead<{argument.Type}>({request}, out var value, {IoctlWrapperWriter.CName(ioctl)});");
            m.W.Line("return value;");
        }
        var parameter = new[] { (argument.Name, "Receives what the kernel wrote.") };
        m.Begin(ioctl, "fills the argument with what the kernel wrote.", parameter, null);
        m.W.Line($"public static void {name}({m.This}, {native}out {argument.Type} {argument.Name}) => {m.Self}.IoctlRead({request}, out {argument.Name}, {IoctlWrapperWriter.CName(ioctl)});");
        if (!WithTry.Contains(ioctl.Name))
            return;
        m.Begin(ioctl, "fills the argument without throwing when the kernel refuses.", parameter, TryReturns, throws: false);
        m.W.Line($"public static int Try{name}({m.This}, {native}out {argument.Type} {argument.Name}) => {m.Self}.TryIoctlRead({request}, out {argument.Name});");
    }

    private static void WriteOrReadWrite(IoctlWrapperWriter m, IoctlModel ioctl, IoctlArgument argument, bool tryOnly = false)
    {
        var name = m.Name(ioctl);
        var request = m.Context.Request(ioctl);
        var native = IoctlWrapperWriter.Native(argument.Spelling);
        var readWrite = IoctlWrapperQuirks.Direction(ioctl) == IoctlDirection.ReadWrite;
        // Integers the kernel only reads are taken by value: a literal reads better than an `in` local.
        var modifier = readWrite ? "ref " : argument.Kind == ArgumentKind.Record ? "in " : "";
        var pass = readWrite ? "ref " : "in ";
        var call = readWrite ? "IoctlReadWrite" : "IoctlWrite";
        var what = readWrite ? "passes the argument and updates it with what the kernel wrote back." : "passes the argument for the kernel to read.";
        var parameter = new[] { (argument.Name, readWrite ? "What the kernel reads; then what it wrote back." : "What the kernel reads.") };
        if (!tryOnly)
        {
            m.Begin(ioctl, what, parameter, "The kernel's non-negative result.");
            m.W.Line($"public static int {name}({m.This}, {native}{modifier}{argument.Type} {argument.Name}) => {m.Self}.{call}({request}, {pass}{argument.Name}, {IoctlWrapperWriter.CName(ioctl)});");
        }
        if (!WithTry.Contains(ioctl.Name))
            return;
        m.Begin(ioctl, what.Replace(".", "") + " without throwing when the kernel refuses.", parameter, TryReturns, throws: false);
        m.W.Line($"public static int Try{name}({m.This}, {native}{modifier}{argument.Type} {argument.Name}) => {m.Self}.Try{call}({request}, {pass}{argument.Name});");
    }

    // The kernel reads and writes past the header into the entries, so the argument is the buffer's address;
    // the buffer must lay its entries where C does, which the model knows.
    private static void Flexible(IoctlWrapperWriter m, IoctlModel ioctl, IoctlArgument argument)
    {
        var flexible = argument.Flexible!;
        var name = m.Name(ioctl);
        var buffer = $"{IoctlWrapperContext.Runtime}FlexibleArrayBuffer<{argument.Type}, {flexible.EntryType}>";
        var text = $"The header and its <c>{IndentedWriter.XmlEscape(flexible.CName)}</c> entries, which start at offset {flexible.Offset}; the header's count is the caller's to set.";
        var parameters = new[] { ("buffer", text) };
        foreach (var tryForm in WithTry.Contains(ioctl.Name) ? new[] { false, true } : new[] { false })
        {
            m.Begin(ioctl, tryForm ? "passes a header with its entries, without throwing when the kernel refuses." : "passes a header with its entries.",
                parameters, tryForm ? TryReturns : "The kernel's non-negative result.", throws: !tryForm,
                new[] { $"<exception cref=\"global::System.ArgumentException\">The buffer's entries do not start at offset {flexible.Offset}.</exception>" });
            using (m.W.Open($"public static int {(tryForm ? "Try" : "")}{name}({m.This}, {buffer} buffer)"))
            {
                m.W.Line("global::System.ArgumentNullException.ThrowIfNull(buffer);");
                m.W.Line($"if (buffer.EntriesOffset != {flexible.Offset})");
                m.W.Line($"    throw new global::System.ArgumentException(\"the entries of {ioctl.Argument!.Spelling} start at offset {flexible.Offset}; create the buffer with entriesOffset: {flexible.Offset}\", nameof(buffer));");
                m.W.Line(tryForm
                    ? $"var errno = {m.Self}.TryIoctl({m.Context.Request(ioctl)}, buffer.Pointer, out _);"
                    : $"var result = {m.Self}.Ioctl({m.Context.Request(ioctl)}, buffer.Pointer, {IoctlWrapperWriter.CName(ioctl)});");
                // The address is a plain number to the GC: without this the buffer's finalizer could free it mid-call.
                m.W.Line("global::System.GC.KeepAlive(buffer);");
                m.W.Line(tryForm ? "return errno;" : "return result;");
            }
        }
    }
}
