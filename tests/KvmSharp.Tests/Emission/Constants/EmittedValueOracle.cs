using System.Globalization;
using System.Reflection;
using KvmSharp.Generator.FrontEnd.Targets;
using KvmSharp.Tests.Oracle;

namespace KvmSharp.Tests.Emission.Constants;

/// <summary>What clang said about the compiled output, and how many facts it was asked.</summary>
internal sealed record EmittedValueReport(IReadOnlyList<string> Mismatches, int Constants, int EnumMembers, int Ioctls, int Facts)
{
    public string Describe() => $"{Mismatches.Count} mismatches ({Facts} facts: {Constants} constants, {EnumMembers} enum members, {Ioctls} ioctls):\n  "
        + string.Join("\n  ", Mismatches.Take(50));
}

/// <summary>
/// Judges the compiled output, not the model: reads every <c>KvmConstants</c>/<c>KvmEnumerators</c> field, every
/// enum member and every <c>KvmIoctls</c> constant by reflection from the loaded assembly, and has clang check
/// each value and C type (and each ioctl's <c>[KvmIoctl]</c> decoding with the header's own <c>_IOC_*</c>),
/// one check per line of a C file that includes the header.
/// </summary>
internal static class EmittedValueOracle
{
    private static readonly Dictionary<string, Type> CTypes = new(StringComparer.Ordinal)
    {
        ["_Bool"] = typeof(bool), ["signed char"] = typeof(sbyte), ["unsigned char"] = typeof(byte),
        ["short"] = typeof(short), ["unsigned short"] = typeof(ushort), ["int"] = typeof(int), ["unsigned int"] = typeof(uint),
        ["long"] = typeof(long), ["unsigned long"] = typeof(ulong), ["long long"] = typeof(long), ["unsigned long long"] = typeof(ulong),
    };

    public static EmittedValueReport Check(Assembly assembly, string ns, TargetArch arch, IReadOnlyList<string> folders, string header)
    {
        var file = new CheckFile(header);
        var managed = new List<string>();
        var constants = 0;
        foreach (var className in new[] { "KvmConstants", "KvmEnumerators" })
        {
            foreach (var field in Literals(assembly.GetType($"{ns}.{className}")))
            {
                var spelling = NativeName(field) ?? "?";
                var expected = spelling == "char" ? (arch.CharIsSigned ? typeof(sbyte) : typeof(byte)) : CTypes.GetValueOrDefault(spelling);
                if (expected != field.FieldType)
                    managed.Add($"{className}.{field.Name}: C# type {field.FieldType.Name} for C type {spelling}");
                AssertValue(file, "constant", field.Name, field.GetRawConstantValue()!);
                file.Assert(new OracleFact("constant", field.Name, "C type", spelling, ProbeKind.IntegerKind, field.Name),
                    $"_Generic(({field.Name}), {spelling}: 1, default: 0)");
                constants++;
            }
        }

        var members = 0;
        foreach (var type in assembly.GetTypes().Where(t => t.IsEnum && t.Namespace == ns && !t.Name.StartsWith("KvmIoctl", StringComparison.Ordinal)))
        {
            var underlying = Enum.GetUnderlyingType(type);
            var size = System.Runtime.InteropServices.Marshal.SizeOf(underlying);
            var signed = underlying == typeof(sbyte) || underlying == typeof(short) || underlying == typeof(int) || underlying == typeof(long);
            var cEnum = NativeName(type);
            // Families and sub-flags are made of macros, whose own type is checked; the rest are C enums.
            var fromMacros = type.GetCustomAttributesData().Any(a => a.AttributeType.Name is "KvmConstantFamilyAttribute" or "KvmSubFlagsOfAttribute");
            // A family the header defines right above a struct member types that member: its type is the member's (clang's).
            var heldBy = type.GetCustomAttributesData().Where(a => a.AttributeType.Name == "KvmConstantFamilyAttribute")
                .SelectMany(a => a.NamedArguments).Where(n => n.MemberName == "HeldBy").Select(n => (string?)n.TypedValue.Value).FirstOrDefault();
            if (heldBy is not null)
                file.Assert(new OracleFact("enum", type.Name, "size and signedness of the member it types", $"{size}, {(signed ? "signed" : "unsigned")}"),
                    $"sizeof({heldBy}) == {size} && (((__typeof__({heldBy}))-1) < 0) == {(signed ? 1 : 0)}");
            if (cEnum is not null)
                file.Assert(new OracleFact("enum", type.Name, "size and signedness", $"{size}, {(signed ? "signed" : "unsigned")}"),
                    $"sizeof({cEnum}) == {size} && ((({cEnum})-1) < 0) == {(signed ? 1 : 0)}");
            foreach (var field in Literals(type))
            {
                var macro = NativeName(field) ?? field.Name;
                AssertValue(file, "enum member", $"{type.Name}.{field.Name} ({macro})", Convert.ChangeType(field.GetRawConstantValue()!, underlying, CultureInfo.InvariantCulture), macro);
                // A macro's own type must be the enum's underlying type; a C enumerator is an int whatever its enum's type.
                if (fromMacros && heldBy is null)
                    file.Assert(new OracleFact("enum member", $"{type.Name}.{field.Name} ({macro})", "size and signedness", $"{size}, {(signed ? "signed" : "unsigned")}", ProbeKind.IntegerKind, macro),
                        $"sizeof({macro}) == {size} && (((__typeof__({macro}))-1) < 0) == {(signed ? 1 : 0)}");
                members++;
            }
        }

        var ioctls = 0;
        foreach (var field in Literals(assembly.GetType($"{ns}.KvmIoctls")))
        {
            var macro = NativeName(field)!;
            var request = (uint)field.GetRawConstantValue()!;
            var data = field.GetCustomAttributesData().Single(a => a.AttributeType.Name == "KvmIoctlAttribute");
            var args = data.ConstructorArguments.Select(a => a.Value).ToList();
            var direction = (int)args[0]!;
            var dirBits = direction switch { 0 => "_IOC_NONE", 1 => "_IOC_READ", 2 => "_IOC_WRITE", _ => "(_IOC_READ | _IOC_WRITE)" };
            var subject = $"KvmIoctls.{field.Name} ({macro})";
            AssertValue(file, "ioctl", subject, request, macro);
            file.Assert(new OracleFact("ioctl", subject, "direction", dirBits, ProbeKind.Value, $"_IOC_DIR({macro})"), $"_IOC_DIR({macro}) == {dirBits}");
            file.AssertEqual("ioctl", subject, "type", $"_IOC_TYPE({macro})", (uint)args[1]!);
            file.AssertEqual("ioctl", subject, "number", $"_IOC_NR({macro})", (uint)args[2]!);
            file.AssertEqual("ioctl", subject, "size", $"_IOC_SIZE({macro})", (uint)args[3]!);
            if (data.NamedArguments.FirstOrDefault(a => a.MemberName == "ArgumentType").TypedValue.Value is string argument)
                file.AssertEqual("ioctl", subject, $"sizeof({argument})", $"sizeof({argument})", (uint)args[3]!);
            ioctls++;
        }

        var mismatches = managed.Concat(file.Inconsistencies).ToList();
        mismatches.AddRange(RunClang(file, arch, folders, header));
        return new EmittedValueReport(mismatches, constants, members, ioctls, file.FactCount);
    }

    private static IEnumerable<FieldInfo> Literals(Type? type)
        => type?.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral) ?? Enumerable.Empty<FieldInfo>();

    private static string? NativeName(MemberInfo member)
        => member.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.Name == "NativeTypeNameAttribute")?.ConstructorArguments[0].Value as string;

    // Signed values compare as signed and unsigned as unsigned, so -1 and 0xffffffff are told apart.
    private static void AssertValue(CheckFile file, string category, string subject, object value, string? expression = null)
    {
        expression ??= subject;
        var (literal, shown) = value switch
        {
            bool b => (b ? "1" : "0", b ? "1" : "0"),
            sbyte or short or int or long => SignedLiteral(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
            _ => UnsignedLiteral(Convert.ToUInt64(value, CultureInfo.InvariantCulture)),
        };
        file.Assert(new OracleFact(category, subject, "value", shown, ProbeKind.Value64, expression), $"({expression}) == {literal}");
    }

    private static (string, string) SignedLiteral(long v)
        => (v == long.MinValue ? "(-9223372036854775807LL - 1)" : $"({v.ToString(CultureInfo.InvariantCulture)}LL)", CheckFile.Show(v));

    private static (string, string) UnsignedLiteral(ulong v) => (CheckFile.Ull(v), CheckFile.Show(v));

    private static IEnumerable<string> RunClang(CheckFile file, TargetArch arch, IReadOnlyList<string> folders, string header)
    {
        var work = Directory.CreateTempSubdirectory("kvmsharp-emitted-").FullName;
        try
        {
            var common = ClangTool.CommonArguments(arch.ClangTriple, folders.Select(Path.GetFullPath));
            var path = Path.Combine(work, "emitted.c");
            File.WriteAllText(path, file.ToString());
            var run = ClangTool.Run(common.Concat(new[] { "-fsyntax-only", "-ferror-limit=0", "-x", "c", path }));
            var failed = new List<OracleFact>();
            var result = new List<string>();
            foreach (var d in run.Diagnostics.Where(d => d.IsError))
            {
                var line = d.Line > 0 && ClangProbes.SameFile(d.File, path) ? d.Line
                    : d.Notes.FirstOrDefault(n => n.Line > 0 && ClangProbes.SameFile(n.File, path))?.Line;
                if (line is { } l && file.OwnerOf(l) is OracleFact fact)
                {
                    if (!failed.Contains(fact))
                        failed.Add(fact);
                }
                else
                {
                    result.Add($"clang error outside every check: {d}");
                }
            }
            var answers = ClangProbes.Ask(failed, header, common, work);
            result.AddRange(failed.Select(f => f.Mismatch(answers.TryGetValue(f, out var said) ? said : "otherwise")));
            if (run.ExitCode != 0 && result.Count == 0)
                result.Add($"clang failed without a diagnostic: {run.StandardError.Trim()}");
            return result;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
