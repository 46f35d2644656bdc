using KvmSharp.Generator.Model;

namespace KvmSharp.Tests.Oracle;

/// <summary>
/// The checks of everything that is not a record layout: constants (value and C type), enums (values and
/// underlying type), typedefs (size and type) and ioctls (decoded with the header's own <c>_IOC_*</c> macros).
/// </summary>
internal static class DeclarationChecks
{
    public static void AddConstants(CheckFile file, HeaderModel model)
    {
        foreach (var c in model.Constants)
        {
            file.Assert(new OracleFact("constant", c.Name, "value", CheckFile.Show(c.Value), ProbeKind.Value64, $"({c.Name})"),
                $"(unsigned long long)({c.Name}) == {CheckFile.Ull(c.Value)}");
            var t = c.Type.Spelling();
            // _Generic sees the exact type: char, signed char and unsigned char are three types.
            file.Assert(new OracleFact("constant", c.Name, "type", t, ProbeKind.IntegerKind, c.Name),
                $"_Generic(({c.Name}), {t}: 1, default: 0)");
        }
    }

    public static void AddEnums(CheckFile file, HeaderModel model)
    {
        foreach (var e in model.Enums)
        {
            var name = e.Tag is not null ? $"enum {e.Tag}" : e.TypedefName;
            var subject = name ?? $"unnamed enum at {e.Location}";
            foreach (var v in e.Enumerators)
                file.Assert(new OracleFact("enum", $"{subject}.{v.Name}", "value", CheckFile.Show(v.Value), ProbeKind.Value64, $"({v.Name})"),
                    $"(unsigned long long)({v.Name}) == {CheckFile.Ull(v.Value)}");
            // An unnamed enum's type cannot be named, so its underlying type cannot be asked for.
            if (name is null)
                continue;
            var u = e.Underlying.Spelling();
            file.AssertEqual("enum", subject, "sizeof", $"sizeof({name})", e.Underlying.Size());
            file.Assert(new OracleFact("enum", subject, "underlying type", u),
                $"_Generic(({name})0, {u}: 1, default: 0)");
            if (e.Tag is not null && e.TypedefName is not null)
                file.Assert(new OracleFact("enum", subject, "typedef name", e.TypedefName),
                    $"__builtin_types_compatible_p({name}, {e.TypedefName})");
        }
    }

    public static void AddTypedefs(CheckFile file, HeaderModel model, TypeReferenceChecks types)
    {
        foreach (var t in model.Typedefs)
        {
            var dims = t.ArrayDimensions;
            var complete = t.Target.Category != TypeCategory.Void && !dims.Contains(0);
            if (complete)
                file.AssertEqual("typedef", t.Name, "sizeof", $"sizeof({t.Name})", t.Target.Size * TypeSpelling.Elements(dims));
            if (!t.Target.Spelling.Contains('{'))
            {
                var spelled = TypeSpelling.WithDimensions(t.Target.Spelling, dims,
                    dims.Count > 0 && dims[0] == 0 ? FlexibleArrayKind.Incomplete : FlexibleArrayKind.None);
                file.Assert(new OracleFact("typedef", t.Name, "target", spelled, ProbeKind.CanonicalType, $"({t.Name} *)0"),
                    $"__builtin_types_compatible_p({t.Name}, {spelled})");
            }
            types.Check(t.Target, $"typedef {t.Name}");
        }
    }

    public static void AddIoctls(CheckFile file, HeaderModel model, TypeReferenceChecks types)
    {
        var constants = model.Constants.GroupBy(c => c.Name).ToDictionary(g => g.Key, g => g.First());
        foreach (var i in model.Ioctls)
        {
            var n = i.Name;
            if (!constants.TryGetValue(n, out var constant) || constant.Value != i.Request)
                file.Inconsistent("ioctl", n, $"Request {CheckFile.Show(i.Request)} is not the value of a constant of the model named so");
            file.Assert(new OracleFact("ioctl", n, "request", CheckFile.Show(i.Request), ProbeKind.Value64, $"({n})"),
                $"(unsigned long long)({n}) == {CheckFile.Ull(i.Request)}");
            var dir = i.Direction switch
            {
                IoctlDirection.None => "_IOC_NONE",
                IoctlDirection.Read => "_IOC_READ",
                IoctlDirection.Write => "_IOC_WRITE",
                _ => "(_IOC_READ | _IOC_WRITE)",
            };
            file.Assert(new OracleFact("ioctl", n, "direction", $"{i.Direction} ({dir})", ProbeKind.Value, $"_IOC_DIR({n})"),
                $"_IOC_DIR({n}) == {dir}");
            file.AssertEqual("ioctl", n, "_IOC_TYPE", $"_IOC_TYPE({n})", i.Type);
            file.AssertEqual("ioctl", n, "_IOC_NR", $"_IOC_NR({n})", i.Number);
            file.AssertEqual("ioctl", n, "_IOC_SIZE", $"_IOC_SIZE({n})", i.Size);
            if (i.Argument is { } arg)
            {
                file.AssertEqual("ioctl", n, $"sizeof argument `{arg.Spelling}`", $"sizeof({arg.Spelling})", i.Size);
                types.Check(arg, $"ioctl {n}");
            }
        }
    }
}
