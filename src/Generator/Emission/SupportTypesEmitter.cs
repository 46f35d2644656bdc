namespace KvmSharp.Generator.Emission;

/// <summary>
/// The types every generated file leans on: <c>NativeTypeNameAttribute</c> (ClangSharp's meaning), the ioctl
/// decoding as attribute data for analyzers (<c>KvmIoctlAttribute</c>) and as a value for runtime code
/// (<c>KvmIoctl</c>), and the attributes that tie an enum to the constants it came from.
/// </summary>
/// <remarks>
/// None of the attributes is <c>[Conditional]</c>: analyzers read them from referenced assemblies, and the
/// tests read them by reflection, so they must reach metadata.
/// </remarks>
internal static class SupportTypesEmitter
{
    /// <summary>The hint name of the support file.</summary>
    public const string HintName = "KvmSupportTypes.g.cs";

    /// <summary>
    /// Type names that records and enums named from the header must not take: this file's, the other fixed
    /// generated types', and the runtime's, which share the default namespace (an enum named <c>KvmVm</c>
    /// from <c>KVM_VM_*</c> would hide the runtime's VM class).
    /// </summary>
    public static readonly IReadOnlyCollection<string> TypeNames = GeneratedNames.SupportTypes.Concat(GeneratedNames.RuntimeTypes).ToArray();

    public static IEnumerable<GeneratedSource> Emit(EmitOptions options)
    {
        var w = new IndentedWriter();
        SupportFile.Header(w);
        using (w.Open($"namespace {options.Namespace}"))
        {
            NativeTypeName(w, options);
            w.Line();
            Direction(w, options);
            w.Line();
            Scope(w, options);
            w.Line();
            IoctlAttribute(w, options);
            w.Line();
            IoctlValue(w, options);
            w.Line();
            SubFlagsOf(w, options);
            w.Line();
            ConstantFamily(w, options);
        }
        return new[] { new GeneratedSource(HintName, w.ToString()) };
    }

    private static void NativeTypeName(IndentedWriter w, EmitOptions options)
    {
        w.Summary("The C spelling of what this symbol was generated from: a type's C type, a constant's C type, an\nenum member's or ioctl's macro name.");
        w.Line("[global::System.AttributeUsage(global::System.AttributeTargets.Struct | global::System.AttributeTargets.Enum | global::System.AttributeTargets.Field | global::System.AttributeTargets.Property | global::System.AttributeTargets.Parameter | global::System.AttributeTargets.ReturnValue | global::System.AttributeTargets.Class, AllowMultiple = false, Inherited = true)]");
        using (w.Open($"{options.Accessibility} sealed partial class {GeneratedNames.NativeTypeNameAttribute} : global::System.Attribute"))
        {
            w.Summary("Records the C spelling <paramref name=\"name\"/>.");
            w.Line("/// <param name=\"name\">The C spelling.</param>");
            w.Line("public NativeTypeNameAttribute(string name) => Name = name;");
            w.Line();
            w.Summary("The C spelling.");
            w.Line("public string Name { get; }");
        }
    }

    private static void Direction(IndentedWriter w, EmitOptions options)
    {
        w.Summary("The data direction of an ioctl, decoded with the header's own <c>_IOC_DIR</c>.");
        using (w.Open($"{options.Accessibility} enum {GeneratedNames.IoctlDirection}"))
        {
            w.Line("/// <summary><c>_IO</c>: no data; the argument is an integer or nothing.</summary>");
            w.Line("None,");
            w.Line("/// <summary><c>_IOR</c>: the kernel writes the argument.</summary>");
            w.Line("Read,");
            w.Line("/// <summary><c>_IOW</c>: the kernel reads the argument.</summary>");
            w.Line("Write,");
            w.Line("/// <summary><c>_IOWR</c>: both.</summary>");
            w.Line("ReadWrite,");
        }
    }

    private static void Scope(IndentedWriter w, EmitOptions options)
    {
        w.Summary("The kinds of file descriptor the kernel takes an ioctl on (KvmSharp's facts, from api.rst and the kernel's dispatchers), as flags: some take several.");
        w.Line("[global::System.Flags]");
        using (w.Open($"{options.Accessibility} enum {GeneratedNames.IoctlScope}"))
        {
            w.Line("/// <summary>Not known: neither KvmSharp's facts, a <c>.kvmcontracts</c> statement nor the header's comments say.</summary>");
            w.Line("Unknown = 0,");
            w.Line("/// <summary>The <c>/dev/kvm</c> fd.</summary>");
            w.Line("System = 1,");
            w.Line("/// <summary>A VM fd (<c>KVM_CREATE_VM</c>).</summary>");
            w.Line("Vm = 2,");
            w.Line("/// <summary>A vCPU fd (<c>KVM_CREATE_VCPU</c>).</summary>");
            w.Line("Vcpu = 4,");
            w.Line("/// <summary>A device fd (<c>KVM_CREATE_DEVICE</c>).</summary>");
            w.Line("Device = 8,");
        }
    }

    private static void IoctlAttribute(IndentedWriter w, EmitOptions options)
    {
        w.Summary("The decoding of an ioctl request, as constants an analyzer can read from the symbol.");
        w.Line("[global::System.AttributeUsage(global::System.AttributeTargets.Field | global::System.AttributeTargets.Property | global::System.AttributeTargets.Method, AllowMultiple = false, Inherited = false)]");
        using (w.Open($"{options.Accessibility} sealed partial class {GeneratedNames.IoctlAttribute} : global::System.Attribute"))
        {
            w.Summary("Records the decoded request.");
            w.Line("/// <param name=\"direction\"><c>_IOC_DIR</c> of the request.</param>");
            w.Line("/// <param name=\"type\"><c>_IOC_TYPE</c> of the request.</param>");
            w.Line("/// <param name=\"number\"><c>_IOC_NR</c> of the request.</param>");
            w.Line("/// <param name=\"size\"><c>_IOC_SIZE</c> of the request.</param>");
            w.Line("/// <param name=\"scope\">The fds the ioctl is issued on.</param>");
            using (w.Open("public KvmIoctlAttribute(KvmIoctlDirection direction, uint type, uint number, uint size, KvmIoctlScope scope)"))
            {
                w.Line("Direction = direction;");
                w.Line("Type = type;");
                w.Line("Number = number;");
                w.Line("Size = size;");
                w.Line("Scope = scope;");
            }
            w.Line();
            w.Summary("<c>_IOC_DIR</c> of the request.");
            w.Line("public KvmIoctlDirection Direction { get; }");
            w.Summary("<c>_IOC_TYPE</c> of the request.");
            w.Line("public uint Type { get; }");
            w.Summary("<c>_IOC_NR</c> of the request.");
            w.Line("public uint Number { get; }");
            w.Summary("<c>_IOC_SIZE</c> of the request.");
            w.Line("public uint Size { get; }");
            w.Summary("The fds the ioctl is issued on.");
            w.Line("public KvmIoctlScope Scope { get; }");
            w.Summary("The C spelling of the argument type named in <c>_IOR/_IOW/_IOWR</c>; null for <c>_IO</c>.");
            w.Line("public string? ArgumentType { get; set; }");
            w.Summary("The <c>KVM_CAP_*</c> names the header says the ioctl is available with.");
            w.Line($"public string[] {GeneratedNames.IoctlAttributeRequiredCapabilities} {{ get; set; }} = global::System.Array.Empty<string>();");
        }
    }

    private static void IoctlValue(IndentedWriter w, EmitOptions options)
    {
        w.Summary("An ioctl request and its decoding, for runtime code (tables, tracing, dispatch).");
        w.Line("/// <param name=\"Name\">The macro name (<c>KVM_RUN</c>).</param>");
        w.Line("/// <param name=\"Request\">The request number.</param>");
        w.Line("/// <param name=\"Direction\"><c>_IOC_DIR</c> of the request.</param>");
        w.Line("/// <param name=\"Type\"><c>_IOC_TYPE</c> of the request.</param>");
        w.Line("/// <param name=\"Number\"><c>_IOC_NR</c> of the request.</param>");
        w.Line("/// <param name=\"Size\"><c>_IOC_SIZE</c> of the request.</param>");
        w.Line("/// <param name=\"ArgumentType\">The C spelling of the argument type; null for <c>_IO</c>.</param>");
        w.Line("/// <param name=\"Scope\">The fd the ioctl is issued on.</param>");
        w.Line("/// <param name=\"RequiredCapabilities\">The <c>KVM_CAP_*</c> names it is available with.</param>");
        w.Line($"{options.Accessibility} readonly record struct KvmIoctl(string Name, uint Request, KvmIoctlDirection Direction, uint Type, uint Number, uint Size, string? ArgumentType, KvmIoctlScope Scope, global::System.Collections.Generic.IReadOnlyList<string> RequiredCapabilities);");
    }

    private static void SubFlagsOf(IndentedWriter w, EmitOptions options)
    {
        w.Summary("On an enum made of the <c>#define</c>s the header indents under one flag: that flag's macro name.");
        w.Line("[global::System.AttributeUsage(global::System.AttributeTargets.Enum, AllowMultiple = false, Inherited = false)]");
        using (w.Open($"{options.Accessibility} sealed partial class {GeneratedNames.SubFlagsOfAttribute} : global::System.Attribute"))
        {
            w.Summary("Records the parent flag <paramref name=\"parent\"/>.");
            w.Line("/// <param name=\"parent\">The macro name of the flag the members are indented under.</param>");
            w.Line("public KvmSubFlagsOfAttribute(string parent) => Parent = parent;");
            w.Line();
            w.Summary("The macro name of the flag the members are indented under.");
            w.Line("public string Parent { get; }");
        }
    }

    private static void ConstantFamily(IndentedWriter w, EmitOptions options)
    {
        w.Summary("On an enum made of a family of <c>#define</c>s: the name prefix its members share (<c>KVM_CAP_</c>).");
        w.Line("[global::System.AttributeUsage(global::System.AttributeTargets.Enum, AllowMultiple = false, Inherited = false)]");
        using (w.Open($"{options.Accessibility} sealed partial class {GeneratedNames.ConstantFamilyAttribute} : global::System.Attribute"))
        {
            w.Summary("Records the shared prefix <paramref name=\"prefix\"/>.");
            w.Line("/// <param name=\"prefix\">The macro name prefix, with its trailing underscore.</param>");
            w.Line("public KvmConstantFamilyAttribute(string prefix) => Prefix = prefix;");
            w.Line();
            w.Summary("The macro name prefix, with its trailing underscore.");
            w.Line("public string Prefix { get; }");
            w.Line();
            w.Summary("The struct member the header defines the family right above, as a C expression (<c>((struct kvm_run *)0)-&gt;io.direction</c>): the member is typed by this enum, whose underlying type is the member's.");
            w.Line("public string? HeldBy { get; set; }");
        }
    }
}
