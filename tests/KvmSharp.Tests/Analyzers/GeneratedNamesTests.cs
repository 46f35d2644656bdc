using System.Reflection;
using System.Text.RegularExpressions;
using KvmSharp.Analyzers;
using KvmSharp.Generator.Emission;
using KvmSharp.Generator.FrontEnd;
using KvmSharp.Generator.FrontEnd.Targets;
using KvmSharp.Tests.Generation;
using KvmSharp.Tests.Packaging;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace KvmSharp.Tests.Analyzers;

/// <summary>
/// The analyzers find the generated surface by the names in <c>GeneratedNames</c>: every one of them must exist in
/// what the real generator emits for a real header, or the analyzers silently look for nothing; and the analyzers
/// must spell no generated name themselves.
/// </summary>
public sealed class GeneratedNamesTests
{
    // The analyzers' copy: what they look for (the generator compiles the same file).
    private static readonly Type Names = typeof(CapabilityGuardAnalyzer).Assembly.GetType("KvmSharp.Generator.Emission.GeneratedNames", throwOnError: true)!;

    private static readonly Lazy<Compilation> Generated = new(() =>
    {
        var driver = GeneratorHarness.Driver(GeneratorHarness.RealHeaders(TargetArch.X86_64), GeneratorHarness.Properties(TargetArch.X86_64, "Consumer.Kvm"));
        var input = CSharpCompilation.Create("Consumer", [], AnalyzerHarness.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true));
        driver.RunGeneratorsAndUpdateCompilation(input, out var output, out var diagnostics);
        Assert.Empty(diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return output;
    });

    // KvmEnumerators is written only for a header with enumerators no enum takes, which the kernel's header has not:
    // the generator's own output for a header that has one stands in for it.
    private static readonly Lazy<Compilation> Loose = new(() =>
    {
        var files = new InMemoryHeaderFiles(new Dictionary<string, string>
        {
            ["/inc/linux/kvm.h"] = "#include <asm/kvm.h>\nenum { ALPHA = 1, BETA = 2 };\n#define KVM_CAP_USER_MEMORY 3\n",
            ["/inc/asm/kvm.h"] = "",
        });
        var model = HeaderFrontEnd.Read(new HeaderRequest(TargetArch.X86_64, ["/inc"]), files);
        var trees = BindingsEmitter.Emit(model, new EmitOptions("Consumer.Kvm", RuntimeReferenced: true))
            .Select(s => CSharpSyntaxTree.ParseText(s.Text, GeneratorHarness.ParseOptions, path: s.HintName));
        return CSharpCompilation.Create("Loose", trees, AnalyzerHarness.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true));
    });

    [Fact]
    public void EveryNameResolvesInTheBindingsOfARealHeader()
    {
        var compilation = Generated.Value;
        var missing = new List<string>();
        foreach (var (field, value) in Constants())
        {
            if (!Resolves(compilation, field, value) && !(field == "Enumerators" && Resolves(Loose.Value, field, value)))
                missing.Add($"{field} = \"{value}\"");
        }
        foreach (var list in new[] { "Handles", "CheckableHandles", "RuntimeTypes" })
        {
            foreach (var name in List(list).Where(n => Type(compilation, NamespaceOf(runtime: true), n) is null))
                missing.Add($"{list}: {name}");
        }
        foreach (var name in List("SupportTypes").Where(n => Type(compilation, NamespaceOf(runtime: false), n) is null && Type(Loose.Value, NamespaceOf(runtime: false), n) is null))
            missing.Add($"SupportTypes: {name}");
        // EnableCap's numeric form names its args parameters as the analyzers' fixes add them (KVM0001's adds arg1).
        var forms = compilation.GetTypeByMetadataName("Consumer.Kvm.KvmVmIoctls")!.GetMembers("EnableCap").OfType<IMethodSymbol>().Where(m => m.Parameters.Length == 7).ToList();
        Assert.NotEmpty(forms);
        var argument = Names.GetMethod("EnableCapArgument", BindingFlags.Public | BindingFlags.Static)!;
        foreach (var enableCap in forms)
        {
            for (var i = 0; i < 4; i++)
            {
                var name = (string)argument.Invoke(null, [i])!;
                if (enableCap.Parameters[3 + i].Name != name)
                    missing.Add($"EnableCapArgument({i}) = \"{name}\" (EnableCap has {enableCap.Parameters[3 + i].Name})");
            }
        }
        Assert.True(missing.Count == 0, "the generated bindings lack: " + string.Join(", ", missing));
    }

    [Fact]
    public void RuntimeTypesListsEveryPublicTypeOfTheRuntimesNamespace()
    {
        // A generated type named like one of these would hide it in the default namespace: the list must be complete.
        var runtime = typeof(KvmSharp.KvmFileDescriptor).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == "KvmSharp" && !t.IsNested).Select(t => t.Name.Split('`')[0]).ToHashSet(StringComparer.Ordinal);
        Assert.True(runtime.Count > 10, $"only {runtime.Count} public runtime types found");
        Assert.Empty(runtime.Except(List("RuntimeTypes")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AnalyzersSpellNoGeneratedNameOutsideTheSharedFile()
    {
        var typeNames = Constants().Where(c => !c.Field.EndsWith("Method", StringComparison.Ordinal) && c.Field is not "RuntimeNamespace" and not "IoctlsClassSuffix")
            .Select(c => c.Value)
            .Concat(List("SupportTypes")).Concat(List("RuntimeTypes"))
            .ToHashSet(StringComparer.Ordinal);
        var methodNames = Constants().Where(c => c.Field.EndsWith("Method", StringComparison.Ordinal)).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        var word = new Regex(@"\b(" + string.Join("|", typeNames.Select(Regex.Escape)) + @")\b");
        var found = new List<string>();
        var folder = Path.Combine(LocalFeed.RepositoryRoot(), "src", "Analyzers");
        var files = Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains("/obj/") && !f.Contains("/bin/")).ToList();
        Assert.True(files.Count > 10, "the analyzers' sources are not at " + folder);
        foreach (var file in files)
        {
            var root = CSharpSyntaxTree.ParseText(File.ReadAllText(file), path: file).GetRoot();
            var texts = root.DescendantNodes().OfType<LiteralExpressionSyntax>().Where(l => l.IsKind(SyntaxKind.StringLiteralExpression)).Select(l => (Node: (SyntaxNode)l, Text: l.Token.ValueText))
                .Concat(root.DescendantNodes().OfType<InterpolatedStringTextSyntax>().Select(t => (Node: (SyntaxNode)t, Text: t.TextToken.ValueText)));
            foreach (var (node, text) in texts)
            {
                if (word.IsMatch(text) || methodNames.Contains(text))
                    found.Add($"{Path.GetRelativePath(folder, file)}:{node.GetLocation().GetLineSpan().StartLinePosition.Line + 1}: \"{text}\"");
            }
        }
        Assert.True(found.Count == 0, "string literals naming generated code (use GeneratedNames):\n" + string.Join("\n", found));
    }

    [Fact]
    public void TheCheckIsNotVacuous()
    {
        // A name the generator does not emit must be reported: the check above can fail.
        Assert.False(Resolves(Generated.Value, "Ioctls", "KvmIoctlz"));
        Assert.False(Resolves(Generated.Value, "EnableCapMethod", "EnableCapability"));
        Assert.False(Resolves(Generated.Value, "IoctlAttributeRequiredCapabilities", "Capabilities"));
    }

    private static bool Resolves(Compilation compilation, string field, string value)
    {
        var ioctlClasses = List("Handles").Select(h => compilation.GetTypeByMetadataName("Consumer.Kvm." + h + "Ioctls")).ToList();
        switch (field)
        {
            case "RuntimeNamespace":
                return compilation.GetTypeByMetadataName(value + ".KvmSystem") is { } system && system.ContainingAssembly.Name == "KvmSharp";
            case "IoctlsClassSuffix":
                return ioctlClasses.All(c => c is not null && c.Name.EndsWith(value, StringComparison.Ordinal));
            case "IoctlAttributeRequiredCapabilities":
                return compilation.GetTypeByMetadataName("Consumer.Kvm.KvmIoctlAttribute")?.GetMembers(value).OfType<IPropertySymbol>().Any(p => p.SetMethod is not null) == true;
            case var method when method.EndsWith("Method", StringComparison.Ordinal):
                // A typed method on a handle: the first parameter is the handle it extends.
                return ioctlClasses.Any(c => c?.GetMembers(value).OfType<IMethodSymbol>().Any(m => m.IsExtensionMethod && List("Handles").Contains(m.Parameters[0].Type.Name)) == true);
            default:
                return Type(compilation, NamespaceOf(runtime: List("RuntimeTypes").Contains(value)), value) is not null;
        }
    }

    private static string NamespaceOf(bool runtime) => runtime ? "KvmSharp" : "Consumer.Kvm";

    /// <summary>The type named <paramref name="name"/> (of any arity: <c>FlexibleArrayBuffer</c> is generic) in namespace <paramref name="ns"/>.</summary>
    private static INamedTypeSymbol? Type(Compilation compilation, string ns, string name)
    {
        INamespaceSymbol? scope = compilation.GlobalNamespace;
        foreach (var part in ns.Split('.'))
            scope = scope?.GetNamespaceMembers().FirstOrDefault(n => n.Name == part);
        return scope?.GetTypeMembers(name).FirstOrDefault();
    }

    private static IEnumerable<(string Field, string Value)> Constants()
        => Names.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (f.Name, (string)f.GetRawConstantValue()!));

    private static IReadOnlyList<string> List(string name)
        => (IReadOnlyList<string>)Names.GetField(name, BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
}
