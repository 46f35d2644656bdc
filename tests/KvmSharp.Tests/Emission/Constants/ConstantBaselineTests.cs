using KvmSharp.Generator.Emission.Constants;
using KvmSharp.Generator.Emission.Ioctls;
using KvmSharp.Generator.Emission;
using KvmSharp.Generator.FrontEnd.Targets;
using KvmSharp.Generator.Model;
using KvmSharp.Tests.Constructs;
using Xunit;

namespace KvmSharp.Tests.Emission.Constants;

/// <summary>
/// Golden files of the constant, enum and ioctl output for small headers (clang first agrees with the model
/// of each), plus the facts a reviewer would otherwise have to find in the golden text.
/// </summary>
public sealed class ConstantBaselineTests : IDisposable
{
    private readonly ConstructHeaders headers = new();

    public void Dispose() => headers.Dispose();

    [Fact]
    public void Support_types()
        => Baseline.Verify("Constants/SupportTypes.cs.txt", SupportTypesEmitter.Emit(ConstantOutput.Options).Single().Text);

    [Fact]
    public void Families_flags_and_sub_flags()
    {
        var model = headers.AssertClangAgrees(SmallHeaders.Families, name: "families.h");
        var sources = ConstantOutput.Emit(model);
        Baseline.Verify("Constants/Families.Enums.cs.txt", ConstantOutput.Text(sources, ConstantEmitter.EnumsHintName));
        Baseline.Verify("Constants/Families.Constants.cs.txt", ConstantOutput.Text(sources, ConstantEmitter.ConstantsHintName));

        var enums = EnumShapes.Build(model).Enums.ToDictionary(e => e.Name);
        Assert.Equal(new[] { "Alpha", "Beta", "Gamma2", "Delta" }, enums["WidCap"].Members.Select(m => m.Name));
        // WID_MODE_LAST repeats a value: it ends the family and stays a plain constant.
        Assert.Equal(new[] { "Off", "On", "Auto" }, enums["WidMode"].Members.Select(m => m.Name));
        Assert.True(enums["WidMem"].IsFlags);
        Assert.Equal(CIntegerKind.UnsignedLong, enums["WidMem"].Underlying);
        Assert.Equal(new[] { "Lock", "Unlock" }, enums["WidLockFlags"].Members.Select(m => m.Name));
        var lockSub = enums["WidLockFlagsLockSubFlags"];
        Assert.Equal(("WID_LOCK_FLAGS_LOCK", true), (lockSub.SubFlagsOf, lockSub.IsFlags));
        Assert.Equal(new[] { "Read", "Write" }, lockSub.Members.Select(m => m.Name));
        Assert.Equal(new[] { "UnlockMemAll" }, enums["WidLockFlagsUnlockSubFlags"].Members.Select(m => m.Name));
        var group = enums["WidGroupSubFlags"];
        Assert.Equal(new[] { "Add", "Del", "SetTable" }, group.Members.Select(m => m.Name));
        Assert.False(group.IsFlags);
        Assert.Equal(new[] { "V1", "V2", "V3" }, enums["WidVersionV"].Members.Select(m => m.Name));
        // struct wid_state takes WidState.
        Assert.Contains("WidStateValues", enums.Keys);
        Assert.Equal(unchecked((ulong)-11L), enums["WidErr"].Members[0].Value);
        Assert.DoesNotContain(enums.Values, e => e.Members.Any(m => m.NativeName.StartsWith('_') || m.NativeName == "WID_ALONE"));
    }

    [Theory]
    [InlineData("x86_64")]
    [InlineData("arm64")]
    public void Constants_of_every_C_type(string target)
    {
        var model = headers.AssertClangAgrees(SmallHeaders.Types, TargetArch.Find(target), "types.h");
        var text = ConstantOutput.Text(ConstantOutput.Emit(model), ConstantEmitter.ConstantsHintName);
        Baseline.Verify($"Constants/Types.{target}.cs.txt", text);
        Assert.Contains("public const long T_LONG_MIN = -9223372036854775808;", text);
        Assert.Contains(target == "arm64" ? "public const byte T_CHAR = 253;" : "public const sbyte T_CHAR = -3;", text);
        Assert.Contains("// T_INT128 (__int128)", text);
    }

    [Fact]
    public void Ioctls_of_a_private_IOC_encoding()
    {
        var model = headers.AssertClangAgrees(SmallHeaders.Ioctls, name: "ioctls.h");
        var text = ConstantOutput.Text(ConstantOutput.Emit(model), IoctlEmitter.HintName);
        Baseline.Verify("Constants/Ioctls.cs.txt", text);
        Assert.Contains("public const uint SetWidRegion = 0x4010C510;", text);
        Assert.Contains("[KvmIoctl(KvmIoctlDirection.Read, 0xC5, 0x11, 16, KvmIoctlScope.Vm, ArgumentType = \"struct wid_region\", RequiredCapabilities = new[] { \"KVM_CAP_WID_READ\" })]", text);
    }

    [Fact]
    public void C_enums_named_typedefd_and_unnamed()
    {
        var model = headers.AssertClangAgrees(SmallHeaders.Enums, name: "enums.h");
        var sources = ConstantOutput.Emit(model);
        Baseline.Verify("Constants/Enums.Enums.cs.txt", ConstantOutput.Text(sources, ConstantEmitter.EnumsHintName));
        Baseline.Verify("Constants/Enums.Constants.cs.txt", ConstantOutput.Text(sources, ConstantEmitter.ConstantsHintName));
        var enums = EnumShapes.Build(model).Enums.ToDictionary(e => e.Name);
        Assert.Equal(new[] { "Red", "Green", "Blue" }, enums["WidColor"].Members.Select(m => m.Name));
        Assert.True(enums["WidShapeT"].IsFlags);
        Assert.Equal(new[] { "First", "Second", "Third" }, enums["WidNr"].Members.Select(m => m.Name));
        Assert.Contains("public const int WID_LONE_ENUMERATOR = 3;", ConstantOutput.Text(sources, ConstantEmitter.ConstantsHintName));
    }
}
