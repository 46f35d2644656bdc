using KvmSharp.Generator.Emission.Constants;
using KvmSharp.Generator.Emission.Ioctls;
using KvmSharp.Generator.Emission.Records;
using KvmSharp.Generator.FrontEnd.Placement;
using KvmSharp.Generator.Model;

namespace KvmSharp.Generator.Emission.Wrappers;

/// <summary>
/// What the ioctl wrappers need to know of the rest of the generated code: the C# name of every request
/// constant, record struct and member, and of the capability and exit-reason enums. Everything is looked up
/// by C name in the same plans the other emitters write from, so a wrapper can never name a type or member
/// that does not exist; what is missing (an older or foreign header) makes the wrapper fall back to a plainer form.
/// </summary>
internal sealed class IoctlWrapperContext
{
    /// <summary>The namespace of the hand-written runtime (<c>KvmSystem</c>, <c>KvmException</c>...), fully qualified.</summary>
    public const string Runtime = "global::" + GeneratedNames.RuntimeNamespace + ".";

    private readonly Dictionary<string, RecordPlan> records = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> requestNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IoctlPlacement> placements;

    public IoctlWrapperContext(HeaderModel model, EmitOptions options)
    {
        Model = model;
        Options = options;
        Namespace = "global::" + options.Namespace + ".";
        Ioctls = model.Ioctls.Where(i => i.Request <= uint.MaxValue).ToList();
        var names = IoctlEmitter.Names(Ioctls);
        for (var i = 0; i < Ioctls.Count; i++)
            requestNames[Ioctls[i].Name] = names[i];
        placements = IoctlPlacer.ByName(model, options.StatedIoctls);
        foreach (var plan in new RecordPlanner(model, options).Plan())
        {
            // Two records with one key: members and wrappers refer to the first, as RecordPlanner does.
            if (plan.Record.Key is { } key && !records.ContainsKey(key))
                records[key] = plan;
        }
        var enums = EnumShapes.Build(model).Enums;
        Capabilities = enums.FirstOrDefault(e => e.FamilyPrefix == "KVM_CAP_");
        // Not only [Flags] ones: whether a family is all single bits can change with the header (6.12 adds
        // KVM_MSR_EXIT_REASON_VALID_MASK), and KVM_CAP_X86_USER_SPACE_MSR's args[0] takes that family either way.
        ValueEnums = enums.Where(e => (e.FamilyPrefix is not null && e.FamilyPrefix != "KVM_CAP_") || e.SubFlagsOf is not null).ToList();
        ExitReasons = enums.FirstOrDefault(e => e.FamilyPrefix == "KVM_EXIT_");
    }

    public HeaderModel Model { get; }

    public EmitOptions Options { get; }

    /// <summary>The generated code's namespace with <c>global::</c> in front and a dot after.</summary>
    public string Namespace { get; }

    /// <summary>The ioctls <c>KvmIoctls</c> holds (requests that fit 32 bits), in header order.</summary>
    public IReadOnlyList<IoctlModel> Ioctls { get; }

    /// <summary>The <c>KVM_CAP_*</c> enum (<c>KvmCapability</c>), if the header has the family.</summary>
    public EnumShape? Capabilities { get; }

    /// <summary>Every enum of the header's <c>#define</c> families (but <c>KVM_CAP_*</c>) and sub-flags: what a capability's flags and args take.</summary>
    public IReadOnlyList<EnumShape> ValueEnums { get; }

    /// <summary>The <c>KVM_EXIT_*</c> enum (<c>KvmExitReason</c>), if the header has the family.</summary>
    public EnumShape? ExitReasons { get; }

    /// <summary>The C# name of the request constant of <paramref name="ioctl"/> in <c>KvmIoctls</c>.</summary>
    public string RequestName(IoctlModel ioctl) => requestNames[ioctl.Name];

    /// <summary><c>global::Ns.KvmIoctls.SetUserMemoryRegion</c>.</summary>
    public string Request(IoctlModel ioctl) => Namespace + GeneratedNames.Ioctls + "." + RequestName(ioctl);

    /// <summary>Which fds <paramref name="ioctl"/> gets methods on, and whether they are obsolete.</summary>
    public IoctlPlacement Placement(IoctlModel ioctl) => placements[ioctl.Name];

    /// <summary>The ioctl called <paramref name="cName"/>, or null when the header has no such ioctl.</summary>
    public IoctlModel? Find(string cName) => Ioctls.FirstOrDefault(i => i.Name == cName);

    /// <summary>The plan of the record keyed <paramref name="key"/> (<c>kvm_run</c>), or null.</summary>
    public RecordPlan? Record(string? key) => key is not null && records.TryGetValue(key, out var plan) ? plan : null;

    /// <summary>The member of <paramref name="plan"/> that stands for C member <paramref name="cName"/>, anonymous members seen through.</summary>
    public static MemberPlan? Member(RecordPlan? plan, string cName)
        => plan?.Members.FirstOrDefault(m => m.CName == cName && m.Kind is MemberKind.Field or MemberKind.View);

    /// <summary>The value of the header's constant <paramref name="name"/> as a C# literal, or null when the header lacks it.</summary>
    public string? ConstantLiteral(string name)
        => Model.Constants.FirstOrDefault(c => c.Name == name)?.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The fully qualified C# name of an enum shape.</summary>
    public string EnumType(EnumShape shape) => Namespace + shape.Name;

    /// <summary><c>global::Ns.KvmExitReason.Io</c> for <c>KVM_EXIT_IO</c>, or null when the enum lacks it.</summary>
    public string? EnumMember(EnumShape? shape, string nativeName)
        => shape?.Members.FirstOrDefault(m => m.NativeName == nativeName) is { } member ? EnumType(shape) + "." + member.Name : null;

    /// <summary>The C# type of an integer, enum or pointer C type, as the record structs map it; null otherwise.</summary>
    public static string? Scalar(TypeReference type)
        => type.Category is TypeCategory.Integer or TypeCategory.Enum or TypeCategory.Pointer ? ScalarTypes.Of(type) : null;
}
