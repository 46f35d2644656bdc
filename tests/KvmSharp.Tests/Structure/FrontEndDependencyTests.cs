using System.Reflection;
using System.Text.RegularExpressions;
using KvmSharp.Generator.FrontEnd;
using KvmSharp.Tests.Packaging;
using Xunit;

namespace KvmSharp.Tests.Structure;

/// <summary>
/// The front-end's stages depend on the ones before them only: C types are what the parser builds and the layout engine
/// reads, so <c>FrontEnd/Types</c> knows nothing of <c>FrontEnd/Layout</c> (layouts are kept by <c>TypeLayout</c>,
/// not written back into the types). Checked on the compiled members and on the source text, which also sees method bodies.
/// </summary>
public sealed class FrontEndDependencyTests
{
    private const string TypesNamespace = "KvmSharp.Generator.FrontEnd.Types";
    private const string LayoutNamespace = "KvmSharp.Generator.FrontEnd.Layout";

    [Fact]
    public void No_member_of_the_C_types_mentions_a_layout_type()
    {
        var types = typeof(HeaderFrontEnd).Assembly.GetTypes().Where(t => t.Namespace == TypesNamespace).ToList();
        Assert.Contains(types, t => t.Name == "RecordCType");
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var mentions = new List<string>();
        foreach (var type in types)
        {
            var used = new List<Type>();
            used.AddRange(type.GetInterfaces());
            if (type.BaseType is { } baseType)
                used.Add(baseType);
            used.AddRange(type.GetFields(all).Select(f => f.FieldType));
            used.AddRange(type.GetProperties(all).Select(p => p.PropertyType));
            foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
            {
                used.AddRange(method.GetParameters().Select(p => p.ParameterType));
                if (method is MethodInfo info)
                    used.Add(info.ReturnType);
            }
            mentions.AddRange(used.SelectMany(Unwrap).Where(u => u.Namespace == LayoutNamespace).Select(u => $"{type.Name} uses {u.Name}"));
        }
        Assert.Empty(mentions);
    }

    [Fact]
    public void No_source_file_of_the_C_types_names_the_layout_stage()
    {
        var folder = Path.Combine(LocalFeed.RepositoryRoot(), "src", "Generator", "FrontEnd", "Types");
        var files = Directory.GetFiles(folder, "*.cs");
        Assert.NotEmpty(files);
        var naming = new Regex(@"\bLayout\s*\.|FrontEnd\.Layout\b|\b(TypeLayout|RecordLayout|MemberPlacement|MemberLookup)\b");
        var found = files.SelectMany(f => File.ReadLines(f).Select((line, i) => (f, line, i)))
            .Where(x => naming.IsMatch(x.line))
            .Select(x => $"{Path.GetFileName(x.f)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();
        Assert.Empty(found);
    }

    // Generic arguments, array elements and pointers name their types too (a List<RecordLayout> is a dependency).
    private static IEnumerable<Type> Unwrap(Type type)
    {
        yield return type;
        if (type.HasElementType)
        {
            foreach (var inner in Unwrap(type.GetElementType()!))
                yield return inner;
        }
        if (type.IsGenericType)
        {
            foreach (var inner in type.GetGenericArguments().SelectMany(Unwrap))
                yield return inner;
        }
    }
}
