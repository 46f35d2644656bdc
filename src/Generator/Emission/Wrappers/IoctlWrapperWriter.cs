using KvmSharp.Generator.Emission.Ioctls;
using KvmSharp.Generator.Model;

namespace KvmSharp.Generator.Emission.Wrappers;

/// <summary>
/// Writes wrapper methods into one scope's class: what every method has in common (docs naming the C ioctl
/// and quoting the header, <c>[KvmIoctl]</c>, the receiver), so the forms only write their signature and body.
/// </summary>
internal sealed class IoctlWrapperWriter
{
    public const string KvmException = IoctlWrapperContext.Runtime + "KvmException";

    private bool first = true;

    public IoctlWrapperWriter(IndentedWriter writer, IoctlWrapperContext context, IoctlScope scope)
    {
        W = writer;
        Context = context;
        Scope = scope;
    }

    public IndentedWriter W { get; }

    public IoctlWrapperContext Context { get; }

    public IoctlScope Scope { get; }

    /// <summary>The receiver type, fully qualified (<c>global::KvmSharp.KvmVcpu</c>).</summary>
    public string Receiver => IoctlWrapperScopes.Receiver(Scope);

    /// <summary>The receiver parameter's name (<c>vcpu</c>).</summary>
    public string Self => IoctlWrapperScopes.ReceiverName(Scope);

    /// <summary><c>this global::KvmSharp.KvmVcpu vcpu</c>.</summary>
    public string This => $"this {Receiver} {Self}";

    /// <summary>The method name of <paramref name="ioctl"/>.</summary>
    public string Name(IoctlModel ioctl) => IoctlWrapperScopes.MethodName(Context.RequestName(ioctl));

    /// <summary>The C name as a C# string literal, for the exception message.</summary>
    public static string CName(IoctlModel ioctl) => CSharpNames.Literal(ioctl.Name);

    /// <summary>
    /// The doc comment and attributes of one method: the ioctl's C name and decoding, then <paramref name="what"/>,
    /// then the header's comment; a param line for the receiver and each of <paramref name="parameters"/>.
    /// </summary>
    public void Begin(IoctlModel ioctl, string what, IEnumerable<(string Name, string Text)> parameters, string? returns, bool throws = true,
        IEnumerable<string>? moreDocs = null)
    {
        if (!first)
            W.Line();
        first = false;
        var note = IoctlWrapperQuirks.Note(ioctl) is { } quirk ? " " + quirk : "";
        SupportFile.MacroSummary(W, ioctl.Name, $"{Decoding(ioctl)}: {what}{note}", ioctl.Comment);
        W.Line($"/// <param name=\"{Self}\">The {Noun} to issue the ioctl on.</param>");
        foreach (var (name, text) in parameters)
            W.Line($"/// <param name=\"{name.TrimStart('@')}\">{text}</param>");
        if (returns is not null)
            W.Line($"/// <returns>{returns}</returns>");
        if (throws)
            W.Line($"/// <exception cref=\"{KvmException}\">The kernel refused the call; the exception names <c>{ioctl.Name}</c> and the errno.</exception>");
        W.Line($"/// <exception cref=\"global::System.ObjectDisposedException\">The {Noun} is disposed.</exception>");
        foreach (var line in moreDocs ?? Enumerable.Empty<string>())
            W.Line("/// " + line);
        W.Line($"[KvmIoctl({IoctlTable.Arguments(ioctl, Context.Placement(ioctl).Fds)})]");
        if (Context.Placement(ioctl).ObsoleteMessage is { } obsolete)
            W.Line($"[global::System.Obsolete({CSharpNames.Literal(obsolete)})]");
    }

    /// <summary>Starts a member that is not an ioctl (a helper of the class): only a separating blank line.</summary>
    public void BeginHelper()
    {
        if (!first)
            W.Line();
        first = false;
    }

    /// <summary>A summary whose text is already XML (<c>&lt;c&gt;</c> for code), one <c>///</c> line per line.</summary>
    public static void XmlSummary(IndentedWriter w, string xml)
    {
        w.Line("/// <summary>");
        foreach (var line in xml.Split('\n'))
            w.Line("/// " + line);
        w.Line("/// </summary>");
    }

    /// <summary><c>[NativeTypeName("struct kvm_regs")] </c> for a parameter.</summary>
    public static string Native(string spelling) => $"[NativeTypeName({CSharpNames.Literal(spelling)})] ";

    /// <summary>What the receiver is, for docs: "vCPU", "VM", "/dev/kvm handle", "device".</summary>
    public string Noun => Scope switch
    {
        IoctlScope.System => "/dev/kvm handle",
        IoctlScope.Vm => "VM",
        IoctlScope.Vcpu => "vCPU",
        _ => "device",
    };

    // "(<c>_IOR</c> on a vCPU fd, argument <c>struct kvm_regs</c>, available with <c>KVM_CAP_X</c>)"
    private string Decoding(IoctlModel ioctl)
    {
        var macro = ioctl.Direction switch
        {
            IoctlDirection.Read => "_IOR",
            IoctlDirection.Write => "_IOW",
            IoctlDirection.ReadWrite => "_IOWR",
            _ => "_IO",
        };
        var text = $"(<c>{macro}</c> on {IoctlWrapperScopes.Describe(Scope)}";
        var others = Context.Placement(ioctl).Fds.Scopes().Where(s => s != Scope).ToList();
        if (others.Count > 0)
            text += ", also on " + string.Join(" and ", others.Select(IoctlWrapperScopes.Describe));
        if (ioctl.Argument is { } argument)
            text += $", argument <c>{IndentedWriter.XmlEscape(argument.Spelling)}</c>";
        if (ioctl.RequiredCapabilities.Count > 0)
            text += ", available with " + string.Join(", ", ioctl.RequiredCapabilities.Select(c => $"<c>{IndentedWriter.XmlEscape(c)}</c>"));
        return text + ")";
    }
}
