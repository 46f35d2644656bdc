using KvmSharp.Generator.Emission.Constants;
using KvmSharp.Generator.Model;
using KvmSharp.Tests.Constructs;
using Xunit.Abstractions;
using Xunit;

namespace KvmSharp.Tests.Emission.Constants;

/// <summary>
/// The constant, enum and ioctl output compiles without one warning or error against the reference
/// assemblies of .NET 8 and .NET 10, as public and as internal types, for the small headers and the real ones.
/// </summary>
public sealed class ConstantCompilationTests : IDisposable
{
    private readonly ConstructHeaders headers = new();
    private readonly ITestOutputHelper output;

    public ConstantCompilationTests(ITestOutputHelper output) => this.output = output;

    public void Dispose() => headers.Dispose();

    public static TheoryData<string, ReferenceSet> SmallCases()
    {
        var data = new TheoryData<string, ReferenceSet>();
        foreach (var name in new[] { nameof(SmallHeaders.Families), nameof(SmallHeaders.Types), nameof(SmallHeaders.Ioctls), nameof(SmallHeaders.Enums) })
        {
            data.Add(name, ReferenceSet.Net80);
            data.Add(name, ReferenceSet.Net100);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(SmallCases))]
    public void Small_headers_compile_cleanly(string header, ReferenceSet references)
    {
        var text = (string)typeof(SmallHeaders).GetField(header)!.GetValue(null)!;
        headers.Write("small.h", text);
        AssertCompiles(headers.Read("small.h"), references);
    }

    [Theory]
    [InlineData("x86_64", ReferenceSet.Net80)]
    [InlineData("x86_64", ReferenceSet.Net100)]
    [InlineData("arm64", ReferenceSet.Net80)]
    [InlineData("arm64", ReferenceSet.Net100)]
    public void The_real_headers_compile_cleanly(string target, ReferenceSet references)
    {
        var model = ConstantOutput.Real(target);
        AssertCompiles(model, references);
        output.WriteLine($"{target}: {model.Constants.Count} constants, {model.Ioctls.Count} ioctls, {Generator.Emission.Constants.EnumShapes.Build(model).Enums.Count} enums");
    }

    private static void AssertCompiles(HeaderModel model, ReferenceSet references)
    {
        foreach (var options in new[] { ConstantOutput.Options, ConstantOutput.Options with { Public = true, Namespace = "Consumer.Kvm" } })
        {
            var compilation = GeneratedCompilation.Create(ConstantOutput.Emit(model, options), references);
            var problems = GeneratedCompilation.Problems(compilation);
            Assert.True(problems.Count == 0, $"{problems.Count} problems ({references}, public: {options.Public}):\n  " + string.Join("\n  ", problems.Take(40)));
        }
    }
}
