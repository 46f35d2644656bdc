using KvmSharp.Generator.FrontEnd.Targets;
using KvmSharp.Generator.Generation;
using KvmSharp.TestSupport.GeneratorInputs;
using KvmSharp.Tests.Generation;
using Microsoft.CodeAnalysis;
using Xunit;

namespace KvmSharp.Tests.Uapi;

/// <summary>The bindings of chosen uAPI headers (<c>KvmUapiHeader</c>): where they go, that they compile beside kvm.h's, the incremental steps.</summary>
public sealed class UapiGenerationTests
{
    // A compile-only consumer of the vhost, vfio and userfaultfd methods (and tun's), as a VMM would write them: if a
    // method, record or constant were missing or mistyped, this would not compile.
    private const string Consumer = """
        using KvmSharp;
        using KvmSharp.Uapi.Vhost;
        using KvmSharp.Uapi.Vfio;
        using KvmSharp.Uapi.Userfaultfd;
        using KvmSharp.Uapi.IfTun;

        public static class VmmDevices
        {
            public static void Vhost(VhostNet net, EventFd kick, EventFd call, int tap)
            {
                net.SetOwner();
                ulong features = net.GetFeatures();
                net.SetFeatures(in features);
                var state = new VhostVringState { Index = 0, Num = 256 };
                net.SetVringNum(in state);
                net.GetVringBase(ref state);
                var file = new VhostVringFile { Index = 0, Fd = kick.FileDescriptor };
                net.SetVringKick(in file);
                file.Fd = call.FileDescriptor;
                net.SetVringCall(in file);
                file.Fd = tap;
                net.SetBackend(in file);
                uint request = VhostIoctls.VhostNetSetBackend;
            }

            public static void VhostVsockCid(VhostVsock vsock)
            {
                ulong cid = 3;
                vsock.SetGuestCid(in cid);
                int running = 1;
                vsock.SetRunning(in running);
            }

            public static unsafe VfioDevice Vfio(VfioContainer container, VfioGroup group, string address)
            {
                if (container.GetApiVersion() != (int)VfioConstants.VFIO_API_VERSION)
                    throw new System.InvalidOperationException();
                container.CheckExtension((ulong)VfioConstants.VFIO_TYPE1_IOMMU);
                var status = new VfioGroupStatus { Argsz = (uint)sizeof(VfioGroupStatus) };
                group.GetStatus(ref status);
                int containerFd = container.FileDescriptor;
                group.SetContainer(in containerFd);
                container.SetIommu((ulong)VfioConstants.VFIO_TYPE1_IOMMU);
                var map = new VfioIommuType1DmaMap { Argsz = (uint)sizeof(VfioIommuType1DmaMap), Iova = 0, Size = 4096 };
                container.IommuMapDma(ref map);
                VfioDevice device = group.GetDeviceFd(address);
                var info = new VfioDeviceInfo { Argsz = (uint)sizeof(VfioDeviceInfo) };
                device.GetInfo(ref info);
                device.Reset();
                return device;
            }

            public static Userfaultfd Uffd(UserfaultfdDevice dev, nint start, ulong length)
            {
                Userfaultfd uffd = dev.New(0x80000);
                var api = new UffdioApi { Api = UserfaultfdConstants.UFFD_API };
                uffd.Api(ref api);
                var register = new UffdioRegister { Range = new UffdioRange { Start = (ulong)start, Len = length } };
                uffd.Register(ref register);
                return uffd;
            }

            public static uint Tun(TunDevice tun) => tun.GetFeatures();
        }
        """;

    [Fact]
    public void Each_header_has_its_own_namespace_and_classes_and_the_consumer_compiles()
    {
        var (output, driver) = UapiCompilation.Generate(TargetArch.X86_64, UapiCompilation.Set, Consumer);
        Assert.Empty(UapiCompilation.Errors(output));
        var hints = driver.GetRunResult().Results.Single().GeneratedSources.Select(s => s.HintName).ToList();
        Assert.Contains("KvmSharp.Uapi.Vhost.KvmConstants.g.cs", hints);
        Assert.Contains("KvmSharp.Uapi.VirtioNet.KvmSharp.Records.VirtioNetConfig.g.cs", hints);
        Assert.Contains("KvmSharp.Uapi.Vhost.VhostNetIoctls.g.cs", hints);
        // kvm.h's bindings are where they were.
        Assert.Contains("KvmConstants.g.cs", hints);
        Assert.NotNull(output.GetTypeByMetadataName("KvmSharp.Uapi.Vhost.VhostIoctls"));
        Assert.NotNull(output.GetTypeByMetadataName("KvmSharp.Uapi.IfTun.IfTunConstants"));
        Assert.NotNull(output.GetTypeByMetadataName("KvmSharp.Uapi.Userfaultfd.UserfaultfdDeviceIoctls"));
        Assert.NotNull(output.GetTypeByMetadataName("KvmSharp.Uapi.Vfio.VfioGroupIoctls"));
    }

    [Fact]
    public void A_header_that_needs_linux_ioctl_h_first_has_no_ioctls_without_it()
    {
        // The reason for IncludeFirst: without it if_tun.h's _IOW(...) is no constant, so TUNGETFEATURES is missing.
        var items = new[] { ("linux/if_tun.h", Array.Empty<string>()) };
        var (output, _) = UapiCompilation.Generate(TargetArch.X86_64, items);
        var ioctls = output.GetTypeByMetadataName("KvmSharp.Uapi.IfTun.IfTunIoctls");
        Assert.True(ioctls is null || ioctls.GetMembers("Tungetfeatures").IsEmpty);

        var (withFirst, _) = UapiCompilation.Generate(TargetArch.X86_64, [("linux/if_tun.h", ["linux/ioctl.h"])]);
        Assert.NotEmpty(withFirst.GetTypeByMetadataName("KvmSharp.Uapi.IfTun.IfTunIoctls")!.GetMembers("Tungetfeatures"));
    }

    [Fact]
    public void An_explicit_namespace_and_a_bad_one()
    {
        var properties = GeneratorHarness.Properties(TargetArch.X86_64);
        properties["_KvmUapiHeadersForCompiler"] = "linux/vhost.h>>My.Vhost|linux/vfio.h>>not a namespace";
        var headers = UapiCompilation.Headers(TargetArch.X86_64, [("linux/vhost.h", []), ("linux/vfio.h", [])]);
        var driver = GeneratorHarness.Driver(headers, properties)
            .RunGeneratorsAndUpdateCompilation(UapiCompilation.Compilation("class A { }"), out var output, out var diagnostics);
        Assert.NotNull(output.GetTypeByMetadataName("My.Vhost.VhostIoctls"));
        var bad = Assert.Single(diagnostics, d => d.Id == "KVMG0003");
        Assert.Contains("not a namespace", bad.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unrelated_edit_leaves_every_uapi_step_cached_or_unchanged()
    {
        var items = UapiCompilation.Set;
        var compilation = UapiCompilation.Compilation("class A { }");
        var driver = GeneratorHarness.Driver(UapiCompilation.Headers(TargetArch.X86_64, items), UapiCompilation.Properties(TargetArch.X86_64, items))
            .RunGenerators(compilation);
        driver = driver.RunGenerators(compilation.AddSyntaxTrees(Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("class B { }", GeneratorHarness.ParseOptions)));
        foreach (var step in new[] { TrackingNames.UapiHeader, TrackingNames.UapiModel, TrackingNames.UapiSources, TrackingNames.Model, TrackingNames.Sources })
        {
            var reasons = GeneratorHarness.Reasons(driver, step);
            Assert.NotEmpty(reasons);
            Assert.All(reasons, r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step} was {r}"));
        }
    }

    [Fact]
    public void Editing_one_header_regenerates_only_its_bindings()
    {
        var items = UapiCompilation.Set;
        var headers = UapiCompilation.Headers(TargetArch.X86_64, items);
        var compilation = UapiCompilation.Compilation("class A { }");
        var driver = GeneratorHarness.Driver(headers, UapiCompilation.Properties(TargetArch.X86_64, items)).RunGenerators(compilation);

        var vhost = headers.Single(h => h.Path.EndsWith("/linux/vhost.h", StringComparison.Ordinal));
        var patched = new InMemoryAdditionalText(vhost.Path, vhost.GetText()!.ToString() + "\n#define VHOST_KVMSHARP_TEST 7\n");
        driver = driver.ReplaceAdditionalText(vhost, patched).RunGenerators(compilation);

        // One output per item, in item order: vhost.h's is the first.
        var sources = GeneratorHarness.Reasons(driver, TrackingNames.UapiSources);
        Assert.Equal(items.Length, sources.Count);
        Assert.Equal(IncrementalStepRunReason.Modified, sources[0]);
        Assert.All(sources.Skip(1), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"another header's sources were {r}"));
        var models = GeneratorHarness.Reasons(driver, TrackingNames.UapiModel);
        Assert.Equal(IncrementalStepRunReason.Modified, models[0]);
        Assert.All(models.Skip(1), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"another header's model was {r}"));
        // kvm.h does not include vhost.h: its model is unchanged, so its C# is not emitted again.
        Assert.All(GeneratorHarness.Reasons(driver, TrackingNames.Sources), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"kvm.h's sources were {r}"));
        Assert.Contains(driver.GetRunResult().GeneratedTrees, t => t.ToString().Contains("VHOST_KVMSHARP_TEST", StringComparison.Ordinal));
    }

    [Fact]
    public void A_header_that_is_not_there_is_a_located_diagnostic_naming_the_item_and_the_rest_still_generates()
    {
        var properties = GeneratorHarness.Properties(TargetArch.X86_64);
        properties["_KvmUapiHeadersForCompiler"] = "linux/no_such_header.h>>|linux/vhost.h>>";
        var headers = UapiCompilation.Headers(TargetArch.X86_64, [("linux/vhost.h", [])]);
        GeneratorHarness.Driver(headers, properties)
            .RunGeneratorsAndUpdateCompilation(UapiCompilation.Compilation("class A { }"), out var output, out var diagnostics);
        var missing = Assert.Single(diagnostics, d => d.Id == "KVMH0010");
        Assert.Contains("linux/no_such_header.h", missing.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("KvmUapiHeader item", missing.GetMessage(), StringComparison.Ordinal);
        Assert.NotNull(output.GetTypeByMetadataName("KvmSharp.Uapi.Vhost.VhostIoctls"));
        Assert.DoesNotContain(diagnostics, d => d.Id == "KVMG0002");
    }

    [Theory]
    [InlineData("linux/vhost.h", "KvmSharp.Uapi.Vhost", "Vhost")]
    [InlineData("linux/if_tun.h", "KvmSharp.Uapi.IfTun", "IfTun")]
    [InlineData("linux/psp-sev.h", "KvmSharp.Uapi.PspSev", "PspSev")]
    [InlineData("asm/bootparam.h", "KvmSharp.Uapi.Asm.Bootparam", "Bootparam")]
    [InlineData("linux/netfilter/xt_mark.h", "KvmSharp.Uapi.Netfilter.XtMark", "XtMark")]
    [InlineData("linux/9p.h", "KvmSharp.Uapi._9p", "_9p")]
    public void The_namespace_is_the_path_without_linux_and_h_in_Pascal_case(string header, string ns, string prefix)
    {
        var selection = UapiHeaderSelection.Parse(header + ">>").Single();
        Assert.Equal(ns, selection.NamespaceUnder("KvmSharp"));
        Assert.Equal(prefix, selection.ClassPrefix("KvmSharp"));
        Assert.True(selection.HasValidNamespace("KvmSharp"));
    }

    [Fact]
    public void The_item_list_reads_include_first_lists_namespaces_and_keeps_the_first_of_a_header_listed_twice()
    {
        var items = UapiHeaderSelection.Parse(" linux/if_tun.h > linux/ioctl.h,linux/types.h > My.Tun |linux/vhost.h>>||linux/if_tun.h>>Other");
        Assert.Equal(2, items.Count);
        Assert.Equal(["linux/ioctl.h", "linux/types.h"], items[0].IncludeFirst.ToArray());
        Assert.Equal("My.Tun", items[0].NamespaceUnder("KvmSharp"));
        Assert.Empty(items[1].IncludeFirst);
    }
}
