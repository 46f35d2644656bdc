using KvmSharp.Generator.FrontEnd.Targets;
using KvmSharp.Generator.FrontEnd;
using KvmSharp.Generator.Model;
using KvmSharp.Generator;
using KvmSharp.Tests.Oracle;
using Xunit;

namespace KvmSharp.Tests.Constructs;

/// <summary>
/// A scratch folder of small headers written by a test, read by the front-end from disk (the same files
/// clang reads), and judged by the clang oracle. Each test class gets its own folder.
/// </summary>
internal sealed class ConstructHeaders : IDisposable
{
    public ConstructHeaders() => Folder = Directory.CreateTempSubdirectory("kvmsharp-constructs-").FullName;

    public string Folder { get; }

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    /// <summary>Writes <paramref name="text"/> to <paramref name="name"/> in the folder and returns its full path.</summary>
    public string Write(string name, string text)
    {
        var path = Path.Combine(Folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>The front-end's model of <paramref name="header"/>, searched for in the folder.</summary>
    public HeaderModel Read(string header, TargetArch? arch = null)
        => HeaderFrontEnd.Read(new HeaderRequest(arch ?? TargetArch.X86_64, new[] { Folder }, header), DiskHeaderFiles.Instance);

    /// <summary>
    /// Writes <paramref name="text"/> as <paramref name="name"/>, reads it for <paramref name="arch"/>, and asserts
    /// that it reads without errors and that clang agrees with every fact of the model.
    /// </summary>
    public HeaderModel AssertClangAgrees(string text, TargetArch? arch = null, string name = "construct.h")
    {
        Assert.True(ClangTool.UnavailableReason is null, ClangTool.UnavailableReason);
        arch ??= TargetArch.X86_64;
        Write(name, text);
        var model = Read(name, arch);
        var errors = model.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, $"{arch.Name}: errors reading the header:\n  " + string.Join("\n  ", errors));
        var report = ClangOracle.Check(model, arch, new[] { Folder }, name);
        Assert.True(report.Mismatches.Count == 0, $"{arch.Name}: {report.Describe(50)}");
        Assert.True(report.FactsChecked > 0, "nothing was checked");
        return model;
    }

    /// <summary>The path the front-end and clang name a header of the folder by, for comparing locations.</summary>
    public string PathOf(string name) => Path.GetFullPath(Path.Combine(Folder, name));

    /// <summary>The record keyed <paramref name="key"/>.</summary>
    public static RecordModel Record(HeaderModel model, string key)
    {
        var record = model.Records.FirstOrDefault(r => r.Key == key);
        Assert.True(record is not null, $"no record {key}; records: {string.Join(", ", model.Records.Select(r => r.Key))}");
        return record!;
    }

    /// <summary>The member named <paramref name="name"/> of <paramref name="record"/>, looking through anonymous members.</summary>
    public static FieldModel Field(RecordModel record, string name)
    {
        var found = Find(record, name);
        Assert.True(found is not null, $"no member {name} in {record.Key}");
        return found!;
    }

    private static FieldModel? Find(RecordModel record, string name)
    {
        foreach (var f in record.Fields)
        {
            if (f.Name == name)
                return f;
            if (f.IsAnonymousRecord && Find(f.InlineRecord!, name) is { } inner)
                return inner;
        }
        return null;
    }

    /// <summary>The constant named <paramref name="name"/>.</summary>
    public static ConstantModel Constant(HeaderModel model, string name)
    {
        var found = model.Constants.FirstOrDefault(c => c.Name == name);
        Assert.True(found is not null, $"no constant {name}; non-constants: {string.Join(", ", model.NonConstants.Select(n => $"{n.Name} ({n.Reason})"))}");
        return found!;
    }
}
