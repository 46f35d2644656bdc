using System.Text.RegularExpressions;
using KvmSharp.Generator.FrontEnd.Targets;
using KvmSharp.Generator.FrontEnd;
using KvmSharp.Generator.Model;
using KvmSharp.Generator;
using Xunit;

namespace KvmSharp.Tests.Analyzers;

/// <summary>
/// The Debian arm64 uAPI header with the uAPI lines of "[RFC PATCH v5 02/38] KVM: arm64: Add lock/unlock memslot
/// user API" inserted (shared/reference/arm64-lock-memslot-rfc-review.txt), built in a temp folder from the files the
/// front-end opens: nothing of the header is committed. The capability number is one above the header's highest.
/// </summary>
internal static class PatchedArm64Header
{
    private static readonly Lazy<HeaderModel> Patched = new(() => Read(patch: true));
    private static readonly Lazy<HeaderModel> Unpatched = new(() => Read(patch: false));

    /// <summary>The lines the patch adds to include/uapi/linux/kvm.h after the KVM_ARM_MTE_COPY_TAGS ioctl.</summary>
    private const string FlagLines = """
        /* Used by KVM_CAP_ARM_LOCK_USER_MEMORY_REGION */
        #define KVM_ARM_LOCK_USER_MEMORY_REGION_FLAGS_LOCK	(1 << 0)
        #define   KVM_ARM_LOCK_MEM_READ				(1 << 0)
        #define   KVM_ARM_LOCK_MEM_WRITE			(1 << 1)
        #define KVM_ARM_LOCK_USER_MEMORY_REGION_FLAGS_UNLOCK	(1 << 1)
        #define   KVM_ARM_UNLOCK_MEM_ALL			(1 << 0)

        """;

    public static HeaderModel Model(bool patched = true) => patched ? Patched.Value : Unpatched.Value;

    /// <summary>The capability number the test header gives KVM_CAP_ARM_LOCK_USER_MEMORY_REGION.</summary>
    public static int CapabilityNumber { get; private set; }

    private static HeaderModel Read(bool patch)
    {
        var arch = TargetArch.Arm64;
        var include = arch.DefaultIncludeDirectories[0];
        var real = HeaderFrontEnd.Read(new HeaderRequest(arch, arch.DefaultIncludeDirectories), DiskHeaderFiles.Instance);
        Assert.True(real.Files.Count > 5, $"the arm64 headers are not installed: {arch.InstallHint("see README")}");
        if (!patch)
            return real;
        var folder = Path.Combine(Path.GetTempPath(), "kvmsharp-lockmemslot-" + Guid.NewGuid().ToString("N"));
        foreach (var file in real.Files)
        {
            var relative = Path.GetRelativePath(include, file);
            Assert.False(relative.StartsWith("..", StringComparison.Ordinal), $"{file} is outside {include}");
            var target = Path.Combine(folder, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        var kvm = Path.Combine(folder, "linux", "kvm.h");
        File.WriteAllText(kvm, Insert(File.ReadAllText(kvm)));
        try
        {
            var model = HeaderFrontEnd.Read(new HeaderRequest(arch, new[] { folder }), DiskHeaderFiles.Instance);
            Assert.Contains(model.Constants, c => c.Name == "KVM_CAP_ARM_LOCK_USER_MEMORY_REGION");
            return model;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>kvm.h with the patch's lines: the capability after the last KVM_CAP_, the flags before the VM ioctls.</summary>
    internal static string Insert(string kvm)
    {
        var caps = Regex.Matches(kvm, @"^#define KVM_CAP_\w+\s+(\d+)\s*$", RegexOptions.Multiline);
        var last = caps.MaxBy(m => int.Parse(m.Groups[1].Value))!;
        CapabilityNumber = int.Parse(last.Groups[1].Value) + 1;
        var end = caps.Max(m => m.Index + m.Length);
        kvm = kvm.Insert(end, $"\n#define KVM_CAP_ARM_LOCK_USER_MEMORY_REGION {CapabilityNumber}");
        return InsertFlags(kvm);
    }

    /// <summary>
    /// kvm.h with the patch's lines where the RFC's hunks put them, as a rebase that keeps them would: the capability as
    /// 207 right after <c>KVM_CAP_VM_MOVE_ENC_CONTEXT_FROM 206</c> (the RFC's base), the flags before the VM ioctls.
    /// </summary>
    internal static string InsertAsTheRfc(string kvm)
    {
        var previous = Regex.Match(kvm, @"^#define KVM_CAP_VM_MOVE_ENC_CONTEXT_FROM 206[^\n]*\n", RegexOptions.Multiline);
        Assert.True(previous.Success, "kvm.h has no KVM_CAP_VM_MOVE_ENC_CONTEXT_FROM 206 line, the RFC hunk's context");
        kvm = kvm.Insert(previous.Index + previous.Length, "#define KVM_CAP_ARM_LOCK_USER_MEMORY_REGION 207\n");
        return InsertFlags(kvm);
    }

    private static string InsertFlags(string kvm)
    {
        var anchor = kvm.IndexOf("/* ioctl for vm fd */", StringComparison.Ordinal);
        Assert.True(anchor > 0, "kvm.h has no '/* ioctl for vm fd */' line to insert the flags before");
        return kvm.Insert(anchor, FlagLines.Replace("\r", "") + "\n");
    }
}
