using System.Text;
using KvmSharp.Generator.FrontEnd.Targets;
using KvmSharp.Tests.Oracle;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KvmSharp.Tests.Kernels;

/// <summary>One public generated type: its C# name, its kind, and what of the header it stands for.</summary>
/// <param name="Name">Fully qualified, with arity (<c>global::KvmSharp.KvmRegs</c>).</param>
/// <param name="Kind">struct, class, enum, ...</param>
/// <param name="Outer">The containing type's name, for a nested type.</param>
/// <param name="NativeType">The named C type of a record or enum (<c>struct kvm_regs</c>, from <c>[NativeTypeName]</c>), else null.</param>
/// <param name="NativeConstants">The C constants of an enum's members (<c>KVM_TRC_SHIFT</c>, from their <c>[NativeTypeName]</c>).</param>
/// <param name="UsedBy">The other public types whose public members' signatures name this one.</param>
internal sealed record ApiType(string Name, string Kind, string? Outer, string? NativeType, IReadOnlyList<string> NativeConstants, ISet<string> UsedBy);

/// <summary>One public method: where it is, what it is called with, and the ioctls its body issues.</summary>
/// <param name="Type">The containing type's <see cref="ApiType.Name"/>.</param>
/// <param name="Signature">Name, parameters (ref kinds, <c>this</c> for the receiver of an extension) and return type.</param>
/// <param name="Ioctls">The C names of the <c>KvmIoctls</c> requests the body reads (<c>KVM_SET_USER_MEMORY_REGION</c>).</param>
internal sealed record ApiMethod(string Type, string Signature, IReadOnlyList<string> Ioctls);

/// <summary>
/// The public API the generator makes from one release for one arch, read from Roslyn's symbols of the compiled
/// generated code (with <c>KvmPublic</c> on, as a library that exposes the bindings builds them): every public
/// type, nested ones too, and every public method, constructor and operator on them. What a user's code can
/// bind to, so what a later release must keep.
/// </summary>
internal sealed class ApiSurface
{
    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private ApiSurface(IReadOnlyList<ApiType> types, IReadOnlyList<ApiMethod> methods)
    {
        Types = types;
        Methods = methods;
    }

    public IReadOnlyList<ApiType> Types { get; }

    public IReadOnlyList<ApiMethod> Methods { get; }

    // 6.1's surface is the baseline of four comparisons: built once per test run.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<ApiSurface>> Cache = new();

    /// <summary>Generates the bindings of <paramref name="release"/> for <paramref name="arch"/> and reads their public API.</summary>
    public static ApiSurface Of(KernelRelease release, TargetArch arch)
        => Cache.GetOrAdd($"{release.Version}/{arch.Name}", _ => new Lazy<ApiSurface>(() => Read(release, arch))).Value;

    private static ApiSurface Read(KernelRelease release, TargetArch arch)
    {
        // A library with the runtime referenced: the typed ioctl methods are generated only then.
        var library = ReleaseBindings.Consumer($"Api{release.Version.Replace('.', '_')}{arch.Name}", OutputKind.DynamicallyLinkedLibrary,
            allowUnsafe: true, withRuntime: true, Array.Empty<(string, string)>());
        var (compilation, diagnostics) = ReleaseBindings.Generate(release, arch, library, isPublic: true);
        var errors = ReleaseBindings.Errors(diagnostics, library.Options);
        Xunit.Assert.True(errors.Count == 0, $"the generated code of kernel {release} for {arch.Name} does not compile:\n  " + string.Join("\n  ", errors.Take(30)));

        var types = new List<ApiType>();
        var methods = new List<ApiMethod>();
        var usedBy = new Dictionary<ITypeSymbol, HashSet<string>>(SymbolEqualityComparer.Default);
        var all = PublicTypes(compilation.Assembly.GlobalNamespace).ToList();
        foreach (var type in all)
        {
            foreach (var named in SignatureTypes(type))
            {
                if (!SymbolEqualityComparer.Default.Equals(named, type))
                {
                    if (!usedBy.TryGetValue(named, out var users))
                        usedBy[named] = users = new HashSet<string>(StringComparer.Ordinal);
                    users.Add(type.ToDisplayString(TypeFormat));
                }
            }
        }
        foreach (var type in all)
        {
            var name = type.ToDisplayString(TypeFormat);
            // An anonymous record's C name ("union (anonymous at kvm.h:182:2)") names nothing clang could look up.
            var native = NativeName(type) is { } c && !c.Contains('(') ? c : null;
            var constants = type.TypeKind == TypeKind.Enum
                ? type.GetMembers().OfType<IFieldSymbol>().Select(NativeName).OfType<string>().ToList()
                : new List<string>();
            types.Add(new ApiType(name, type.TypeKind.ToString().ToLowerInvariant(), type.ContainingType?.ToDisplayString(TypeFormat),
                native, constants, usedBy.TryGetValue(type.OriginalDefinition, out var users) ? users : new HashSet<string>()));
            foreach (var method in type.GetMembers().OfType<IMethodSymbol>())
            {
                if (method.DeclaredAccessibility != Accessibility.Public || method.IsImplicitlyDeclared)
                    continue;
                if (method.MethodKind is not (MethodKind.Ordinary or MethodKind.Constructor or MethodKind.UserDefinedOperator or MethodKind.Conversion))
                    continue;
                methods.Add(new ApiMethod(name, Signature(method), IoctlsIssued(compilation, method)));
            }
        }
        return new ApiSurface(types, methods);
    }

    /// <summary>Every public type, nested ones included, declared in the compilation (the generated code).</summary>
    private static IEnumerable<INamedTypeSymbol> PublicTypes(INamespaceSymbol ns)
    {
        foreach (var member in ns.GetMembers())
        {
            if (member is INamespaceSymbol inner)
            {
                foreach (var type in PublicTypes(inner))
                    yield return type;
            }
            else if (member is INamedTypeSymbol type && type.DeclaredAccessibility == Accessibility.Public)
            {
                foreach (var t in WithNested(type))
                    yield return t;
            }
        }
    }

    private static IEnumerable<INamedTypeSymbol> WithNested(INamedTypeSymbol type)
    {
        yield return type;
        foreach (var nested in type.GetTypeMembers().Where(n => n.DeclaredAccessibility == Accessibility.Public))
        {
            foreach (var t in WithNested(nested))
                yield return t;
        }
    }

    /// <summary>The generated types the public fields, properties and methods of <paramref name="type"/> name, type arguments too.</summary>
    private static IEnumerable<ITypeSymbol> SignatureTypes(INamedTypeSymbol type)
    {
        var named = new List<ITypeSymbol>();
        foreach (var member in type.GetMembers().Where(m => m.DeclaredAccessibility == Accessibility.Public))
        {
            switch (member)
            {
                case IFieldSymbol field:
                    named.Add(field.Type);
                    break;
                case IPropertySymbol property:
                    named.Add(property.Type);
                    named.AddRange(property.Parameters.Select(p => p.Type));
                    break;
                case IMethodSymbol method:
                    named.Add(method.ReturnType);
                    named.AddRange(method.Parameters.Select(p => p.Type));
                    break;
            }
        }
        return named.SelectMany(Flatten).Where(t => t.ContainingAssembly is ISourceAssemblySymbol).Select(t => t.OriginalDefinition);
    }

    private static IEnumerable<ITypeSymbol> Flatten(ITypeSymbol type) => type switch
    {
        INamedTypeSymbol { IsGenericType: true } generic => generic.TypeArguments.SelectMany(Flatten).Prepend(generic),
        IArrayTypeSymbol array => Flatten(array.ElementType),
        IPointerTypeSymbol pointer => Flatten(pointer.PointedAtType),
        _ => new[] { type },
    };

    /// <summary><c>Name&lt;T&gt;(this global::KvmSharp.KvmVm, in global::KvmSharp.KvmRegs) : int</c>.</summary>
    public static string Signature(IMethodSymbol method)
    {
        var text = new StringBuilder(method.MethodKind == MethodKind.Constructor ? ".ctor" : method.Name);
        if (method.Arity > 0)
            text.Append('`').Append(method.Arity);
        text.Append('(');
        for (var i = 0; i < method.Parameters.Length; i++)
        {
            var parameter = method.Parameters[i];
            if (i > 0)
                text.Append(", ");
            if (i == 0 && method.IsExtensionMethod)
                text.Append("this ");
            text.Append(parameter.RefKind switch
            {
                RefKind.Ref => "ref ",
                RefKind.Out => "out ",
                RefKind.In => "in ",
                RefKind.RefReadOnlyParameter => "ref readonly ",
                _ => "",
            });
            if (parameter.IsParams)
                text.Append("params ");
            text.Append(parameter.Type.ToDisplayString(TypeFormat));
        }
        text.Append(") : ");
        if (method.ReturnsByRefReadonly)
            text.Append("ref readonly ");
        else if (method.ReturnsByRef)
            text.Append("ref ");
        text.Append(method.ReturnType.ToDisplayString(TypeFormat));
        if (method.IsStatic)
            text.Insert(0, "static ");
        return text.ToString();
    }

    // The C name on a record, an enum or a constant: what the later header must still define for it to be owed.
    private static string? NativeName(ISymbol type)
        => type.GetAttributes().FirstOrDefault(a => a.AttributeClass?.Name == "NativeTypeNameAttribute")?.ConstructorArguments
            .FirstOrDefault().Value as string;

    /// <summary>
    /// The requests the method's body reads from <c>KvmIoctls</c>, by their C name (the field's <c>[NativeTypeName]</c>):
    /// the ioctls behind the method, which decide whether a later release still owes it.
    /// </summary>
    private static IReadOnlyList<string> IoctlsIssued(Compilation compilation, IMethodSymbol method)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax();
            var model = compilation.GetSemanticModel(syntax.SyntaxTree);
            foreach (var identifier in syntax.DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (model.GetSymbolInfo(identifier).Symbol is IFieldSymbol { ContainingType.Name: "KvmIoctls" } field && NativeName(field) is { } name)
                    names.Add(name);
            }
        }
        return names.ToList();
    }

    /// <summary>
    /// Which of <paramref name="constants"/> and <paramref name="types"/> the release's header still defines for
    /// <paramref name="arch"/>, as clang judges it: an ioctl or constant when its macro is an integer constant there (not
    /// merely a <c>#define</c> whose argument struct moved to another arch's header), a C type when <c>sizeof</c> works.
    /// </summary>
    public static HashSet<string> DefinedByClang(KernelRelease release, TargetArch arch, IEnumerable<string> constants, IEnumerable<string> types)
    {
        var probes = constants.Distinct().Select(n => (Name: n, Expression: n))
            .Concat(types.Distinct().Select(r => (Name: r, Expression: $"sizeof({r})")))
            .ToList();
        var work = Directory.CreateTempSubdirectory("kvmsharp-api-");
        try
        {
            // One line per probe after the #include, so an error's line names the probe that failed.
            var source = new StringBuilder("#include <linux/kvm.h>\n");
            for (var i = 0; i < probes.Count; i++)
                source.Append($"static const unsigned long long kvmsharp_probe_{i} = (unsigned long long)({probes[i].Expression});\n");
            var file = Path.Combine(work.FullName, "probe.c");
            File.WriteAllText(file, source.ToString());
            var run = ClangTool.Run(ClangTool.CommonArguments(arch.ClangTriple, release.IncludeDirectories(arch))
                .Concat(new[] { "-fsyntax-only", "-ferror-limit=0", "-x", "c", file }));
            var failedLines = new HashSet<int>();
            foreach (var line in run.StandardError.Split('\n'))
            {
                var parts = line.Split(':');
                if (parts.Length > 3 && line.StartsWith(file + ":", StringComparison.Ordinal) && line.Contains(": error:", StringComparison.Ordinal)
                    && int.TryParse(parts[1], out var number))
                    failedLines.Add(number);
            }
            // An error in the header itself would make every probe look undefined: say so instead.
            Xunit.Assert.False(run.StandardError.Contains("kvm.h:", StringComparison.Ordinal) && run.StandardError.Contains("error:", StringComparison.Ordinal)
                && failedLines.Count == 0, $"clang cannot read kernel {release}'s header for {arch.Name}:\n{run.StandardError}");
            return probes.Where((_, i) => !failedLines.Contains(i + 2)).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
