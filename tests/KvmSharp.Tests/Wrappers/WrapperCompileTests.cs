using KvmSharp.Generator.Emission.Ioctls;
using KvmSharp.Generator.Emission;
using KvmSharp.Generator.Facts;
using KvmSharp.Generator.FrontEnd.Targets;
using KvmSharp.Generator.Model;
using KvmSharp.Tests.Emission;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;
using Xunit;

namespace KvmSharp.Tests.Wrappers;

/// <summary>The typed ioctl methods of the real headers: they compile cleanly and cover every ioctl of a known scope.</summary>
public sealed class WrapperCompileTests
{
    private readonly ITestOutputHelper output;

    public WrapperCompileTests(ITestOutputHelper output) => this.output = output;

    public static TheoryData<string> Arches => new() { TargetArch.X86_64.Name, TargetArch.Arm64.Name };

    [Theory]
    [MemberData(nameof(Arches))]
    public void The_generated_code_with_wrappers_compiles_without_a_warning(string arch)
    {
        var compilation = WrapperCompilation.Create(TargetArch.Find(arch)!);

        Assert.Empty(GeneratedCompilation.Problems(compilation));
    }

    // What a consumer with GenerateDocumentationFile sees: crefs resolved, doc XML well formed, parameters documented.
    [Fact]
    public void The_wrapper_docs_are_valid_for_a_documented_public_build()
    {
        var parse = new Microsoft.CodeAnalysis.CSharp.CSharpParseOptions(Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest, DocumentationMode.Diagnose);
        var sources = BindingsEmitter.Emit(WrapperCompilation.Model(TargetArch.X86_64), new EmitOptions(Public: true, RuntimeReferenced: true));
        var compilation = GeneratedCompilation.Create(sources, ReferenceSet.Net100).AddReferences(WrapperCompilation.RuntimeReference);
        compilation = compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(sources.Select(s => Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(s.Text, parse, s.HintName)));

        var problems = compilation.GetDiagnostics()
            .Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning && d.Location.SourceTree?.FilePath.StartsWith("KvmSharp.Ioctls.", StringComparison.Ordinal) == true)
            .Select(d => d.ToString())
            .ToList();

        Assert.Empty(problems);
    }

    [Theory]
    [MemberData(nameof(Arches))]
    public void Every_ioctl_the_target_handles_has_a_method_on_each_fd_the_facts_name(string arch)
    {
        var target = TargetArch.Find(arch)!;
        var model = WrapperCompilation.Model(target);
        var compilation = WrapperCompilation.Create(target);
        var ioctls = model.Ioctls.Where(i => i.Request <= uint.MaxValue).ToList();
        var names = IoctlEmitter.Names(ioctls);

        var expected = 0;
        var unknown = new List<string>();
        for (var i = 0; i < ioctls.Count; i++)
        {
            // __KVM_DEPRECATED_MAIN_0x07 and its kind are the header's own spellings of requests a KVM_ name stands for.
            if (ioctls[i].Name.StartsWith("__", StringComparison.Ordinal))
                continue;
            var fact = IoctlFactTable.BuiltIn.Find(ioctls[i].Name);
            if (fact is null)
            {
                unknown.Add(ioctls[i].Name);
                continue;
            }
            if (!fact.HandledOn(target))
                continue;
            foreach (var fd in fact.FdsOn(target).Scopes())
            {
                expected++;
                var type = compilation.GetTypeByMetadataName($"KvmSharp.Kvm{fd}Ioctls");
                Assert.True(type is not null, $"no class for {fd}");
                var methods = type!.GetMembers(names[i]).OfType<IMethodSymbol>().Where(m => m.IsExtensionMethod).ToList();
                Assert.True(methods.Count > 0, $"{ioctls[i].Name} ({fact.Source}) has no method {names[i]} on {type.Name}");
                Assert.All(methods, m => Assert.Equal($"KvmSharp.Kvm{fd}", m.Parameters[0].Type.ToDisplayString()));
            }
        }

        output.WriteLine($"{arch}: {model.Ioctls.Count} ioctls, {expected} methods by the facts");
        foreach (var scope in new[] { "System", "Vm", "Vcpu", "Device" })
        {
            var type = compilation.GetTypeByMetadataName($"KvmSharp.Kvm{scope}Ioctls")!;
            output.WriteLine($"  Kvm{scope}Ioctls: {type.GetMembers().OfType<IMethodSymbol>().Count(m => m.IsExtensionMethod)} methods");
        }
        Assert.True(unknown.Count == 0, $"the facts do not know: {string.Join(", ", unknown)}");
        Assert.True(expected > 40, $"only {expected} methods");
    }

    // C# binds `vm.X(...)` to an instance member X before it looks at extension methods, so a wrapper named like a
    // member of its runtime type (or of SafeHandle, object) could never be called.
    [Theory]
    [MemberData(nameof(Arches))]
    public void No_method_is_hidden_by_a_member_of_the_runtime_type_it_extends(string arch)
    {
        var compilation = WrapperCompilation.Create(TargetArch.Find(arch)!);
        var hidden = new List<string>();

        foreach (var scope in new[] { "System", "Vm", "Vcpu", "Device" })
        {
            var wrappers = compilation.GetTypeByMetadataName($"KvmSharp.Kvm{scope}Ioctls")!;
            var receiver = compilation.GetTypeByMetadataName($"KvmSharp.Kvm{scope}")!;
            var members = new HashSet<string>(StringComparer.Ordinal);
            for (var type = receiver; type is not null; type = type.BaseType)
                members.UnionWith(type.GetMembers().Where(m => m.DeclaredAccessibility == Accessibility.Public && m.CanBeReferencedByName).Select(m => m.Name));
            Assert.Contains("Dispose", members);
            hidden.AddRange(wrappers.GetMembers().OfType<IMethodSymbol>()
                .Where(m => m.IsExtensionMethod && members.Contains(m.Name))
                .Select(m => $"{wrappers.Name}.{m.Name} is hidden by {receiver.Name}.{m.Name}"));
        }

        Assert.Empty(hidden);
    }

    [Theory]
    [MemberData(nameof(Arches))]
    public void Ioctls_no_architecture_of_the_target_handles_get_no_method(string arch)
    {
        var target = TargetArch.Find(arch)!;
        var model = WrapperCompilation.Model(target);
        var compilation = WrapperCompilation.Create(target);
        var all = new[] { "System", "Vm", "Vcpu", "Device" }
            .SelectMany(s => compilation.GetTypeByMetadataName($"KvmSharp.Kvm{s}Ioctls")!.GetMembers().Select(m => m.Name))
            .ToHashSet();
        var ioctls = model.Ioctls.Where(i => i.Request <= uint.MaxValue).ToList();
        var names = IoctlEmitter.Names(ioctls);
        var foreign = ioctls.Select((ioctl, n) => (ioctl, Name: names[n]))
            .Where(x => IoctlFactTable.BuiltIn.Find(x.ioctl.Name) is { } fact && !fact.HandledOn(target))
            .ToList();

        output.WriteLine($"{arch}: {foreign.Count} ioctls of other architectures: {string.Join(", ", foreign.Select(f => f.ioctl.Name))}");
        Assert.NotEmpty(foreign);
        Assert.All(foreign, f => Assert.False(all.Contains(f.Name) || all.Contains("Try" + f.Name), $"{f.ioctl.Name} has a method {f.Name}"));
    }

    [Fact]
    public void The_shaped_methods_have_the_documented_signatures()
    {
        var compilation = WrapperCompilation.Create(TargetArch.X86_64);
        string[] Signatures(string type) => compilation.GetTypeByMetadataName("KvmSharp." + type)!.GetMembers().OfType<IMethodSymbol>()
            .Select(m => m.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)).ToArray();

        var system = Signatures("KvmSystemIoctls");
        var vm = Signatures("KvmVmIoctls");
        var vcpu = Signatures("KvmVcpuIoctls");
        foreach (var line in system.Concat(vm).Concat(vcpu).Where(s => s.Contains("Run") || s.Contains("CheckExtension") || s.Contains("Create") || s.Contains("Regs(") || s.Contains("EnableCap") || s.Contains("UserMemory") || s.Contains("Msrs") || s.Contains("ImmediateExit")))
            output.WriteLine(line);

        Assert.Contains("KvmSystemIoctls.CreateVm(KvmSystem, ulong)", system);
        Assert.Contains("KvmSystemIoctls.CheckExtension(KvmSystem, KvmCapability)", system);
        Assert.Contains("KvmSystemIoctls.TryCheckExtension(KvmSystem, KvmCapability, out int)", system);
        Assert.Contains("KvmVmIoctls.CheckExtension(KvmVm, KvmCapability)", vm);
        Assert.Contains("KvmVmIoctls.CreateVcpu(KvmVm, ulong)", vm);
        Assert.Contains("KvmVmIoctls.CreateDevice(KvmVm, ref KvmCreateDevice)", vm);
        Assert.Contains("KvmVmIoctls.SetUserMemoryRegion(KvmVm, uint, ulong, GuestMemory, uint)", vm);
        Assert.Contains("KvmVmIoctls.SetUserMemoryRegion(KvmVm, in KvmUserspaceMemoryRegion)", vm);
        Assert.Contains("KvmVmIoctls.EnableCap(KvmVm, KvmCapability, uint, ulong, ulong, ulong, ulong)", vm);
        Assert.Contains("KvmVcpuIoctls.EnableCap(KvmVcpu, KvmCapability, uint, ulong, ulong, ulong, ulong)", vcpu);
        Assert.Contains("KvmVcpuIoctls.EnableCap(KvmVcpu, in KvmEnableCap)", vcpu);
        Assert.Contains("KvmVcpuIoctls.GetRegs(KvmVcpu)", vcpu);
        Assert.Contains("KvmVcpuIoctls.GetRegs(KvmVcpu, out KvmRegs)", vcpu);
        Assert.Contains("KvmVcpuIoctls.SetRegs(KvmVcpu, in KvmRegs)", vcpu);
        Assert.Contains("KvmVcpuIoctls.GetMsrs(KvmVcpu, ref KvmMsrs)", vcpu);
        Assert.Contains("KvmVcpuIoctls.GetMsrs(KvmVcpu, FlexibleArrayBuffer<KvmMsrs, KvmMsrEntry>)", vcpu);
        Assert.Contains("KvmVcpuIoctls.Run(KvmVcpu)", vcpu);
        Assert.Contains("KvmVcpuIoctls.TryRun(KvmVcpu, out KvmExit)", vcpu);
        Assert.Contains("KvmVcpuIoctls.RunState(KvmVcpu)", vcpu);
        Assert.Contains("KvmVcpuIoctls.SetImmediateExit(KvmVcpu, bool)", vcpu);
        var getRegs = compilation.GetTypeByMetadataName("KvmSharp.KvmVcpuIoctls")!.GetMembers("GetRegs").OfType<IMethodSymbol>().Single(m => m.Parameters.Length == 1);
        Assert.Equal("KvmSharp.KvmRegs", getRegs.ReturnType.ToDisplayString());
        Assert.Contains("KVM_GET_REGS", getRegs.GetDocumentationCommentXml());
    }

    [Fact]
    public void Without_the_runtime_no_wrapper_is_emitted()
    {
        var sources = BindingsEmitter.Emit(WrapperCompilation.Model(TargetArch.X86_64), new EmitOptions());

        Assert.DoesNotContain(sources, s => s.HintName.StartsWith("KvmSharp.Ioctls.", StringComparison.Ordinal));
        Assert.Empty(GeneratedCompilation.Problems(GeneratedCompilation.Create(sources, ReferenceSet.Net100)));
    }

    private static string ScopeType(IoctlScope scope) => scope == IoctlScope.System ? "System" : scope.ToString();
}
