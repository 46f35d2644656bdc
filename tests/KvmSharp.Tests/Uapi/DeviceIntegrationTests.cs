using System.Reflection;
using KvmSharp.Generator.FrontEnd.Targets;
using Xunit;

namespace KvmSharp.Tests.Uapi;

/// <summary>
/// A harmless ioctl through the generated typed method on each device file this machine has; skipped, with the reason,
/// where the file is missing. The checks are the kernel's own answers, against the header's constants.
/// </summary>
public sealed class DeviceIntegrationTests
{
    private const string Probes = """
        using KvmSharp;
        using KvmSharp.Uapi.Vhost;
        using KvmSharp.Uapi.Userfaultfd;
        using KvmSharp.Uapi.IfTun;

        public static class Probes
        {
            // TUNGETFEATURES before TUNSETIFF: what the driver supports, as IFF_* flags.
            public static uint TunFeatures()
            {
                using var tun = TunDevice.Open();
                return tun.GetFeatures();
            }

            public static uint IffTun => (uint)IfTunConstants.IFF_TUN;
            public static uint IffTap => (uint)IfTunConstants.IFF_TAP;
            public static uint IffNoPi => (uint)IfTunConstants.IFF_NO_PI;

            // USERFAULTFD_IOC_NEW, then the UFFDIO_API handshake: the kernel answers with the API and its features.
            public static (ulong Api, ulong Ioctls, ulong Expected, ulong RegisterBit) UffdApi()
            {
                using var device = UserfaultfdDevice.Open();
                using var uffd = device.New(0x80000); // O_CLOEXEC
                var api = new UffdioApi { Api = UserfaultfdConstants.UFFD_API };
                uffd.Api(ref api);
                return (api.Api, api.Ioctls, UserfaultfdConstants.UFFD_API, 1UL << (int)UserfaultfdConstants._UFFDIO_REGISTER);
            }

            // A second UFFDIO_API on the same fd is refused (EINVAL): the error names the ioctl.
            public static string SecondApiError()
            {
                using var device = UserfaultfdDevice.Open();
                using var uffd = device.New(0x80000);
                var api = new UffdioApi { Api = UserfaultfdConstants.UFFD_API };
                uffd.Api(ref api);
                try
                {
                    api = new UffdioApi { Api = UserfaultfdConstants.UFFD_API };
                    uffd.Api(ref api);
                    return "no error";
                }
                catch (UapiException e) when (e is not KvmException)
                {
                    return e.Operation + " " + e.ErrnoName;
                }
            }

            public static ulong VhostNetFeatures()
            {
                using var net = VhostNet.Open();
                return net.GetFeatures();
            }
        }
        """;

    private static readonly Lazy<Type> ProbeType = new(() =>
    {
        var (output, _) = UapiCompilation.Generate(TargetArch.FromProcessArchitecture(System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString())!, UapiCompilation.Set, Probes);
        return UapiCompilation.Load(output).GetType("Probes", throwOnError: true)!;
    });

    private static object? Call(string name)
    {
        try
        {
            return ProbeType.Value.GetMethod(name)!.Invoke(null, null);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }

    private static uint Property(string name) => (uint)ProbeType.Value.GetProperty(name)!.GetValue(null)!;

    [SkippableFact]
    public void TUNGETFEATURES_through_TunDevice()
    {
        Skip.IfNot(File.Exists("/dev/net/tun"), "/dev/net/tun does not exist on this machine");
        var features = (uint)Call("TunFeatures")!;
        // Every tun driver since 2.6.27 supports both device types and IFF_NO_PI (drivers/net/tun.c TUN_FEATURES).
        var expected = Property("IffTun") | Property("IffTap") | Property("IffNoPi");
        Assert.Equal(expected, features & expected);
    }

    [SkippableFact]
    public void UFFDIO_API_through_Userfaultfd_from_dev_userfaultfd()
    {
        Skip.IfNot(File.Exists("/dev/userfaultfd"), "/dev/userfaultfd does not exist on this machine (Linux 6.1 added it)");
        var (api, ioctls, expected, registerBit) = ((ulong, ulong, ulong, ulong))Call("UffdApi")!;
        Assert.Equal(expected, api);
        // The kernel lists the ioctls the fd takes after the handshake: UFFDIO_REGISTER among them (UFFD_API_IOCTLS).
        Assert.NotEqual(0UL, ioctls & registerBit);
    }

    [SkippableFact]
    public void A_refused_device_ioctl_throws_UapiException_naming_it()
    {
        Skip.IfNot(File.Exists("/dev/userfaultfd"), "/dev/userfaultfd does not exist on this machine (Linux 6.1 added it)");
        // userfaultfd_api: the handshake is once per fd; a second one is -EINVAL.
        Assert.Equal("UFFDIO_API EINVAL", Call("SecondApiError"));
    }

    [SkippableFact]
    public void VHOST_GET_FEATURES_through_VhostNet()
    {
        Skip.IfNot(File.Exists("/dev/vhost-net"), "/dev/vhost-net does not exist on this machine (module vhost_net not loaded)");
        var features = (ulong)Call("VhostNetFeatures")!;
        // VHOST_NET_FEATURES always has VIRTIO_F_VERSION_1 (bit 32) since 4.0.
        Assert.NotEqual(0UL, features & (1UL << 32));
    }
}
