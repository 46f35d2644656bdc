using KvmSharp.Generator.FrontEnd.Targets;
using KvmSharp.Generator.FrontEnd;
using KvmSharp.Generator;
using KvmSharp.Tests.Analyzers;
using KvmSharp.Tests.Kernels;
using Xunit;

namespace KvmSharp.Tests.Review;

/// <summary>
/// The seed case of <c>kvmgen review</c>: "[RFC PATCH v5 02/38] KVM: arm64: Add lock/unlock memslot user API"
/// (shared/reference/arm64-lock-memslot-rfc-review.txt) applied, in a temp folder, to a copy of a Debian release's arm64
/// headers (the files the front-end opens) and of its linux-doc api.rst. The uAPI hunks go where the RFC put them
/// (<see cref="PatchedArm64Header.InsertAsTheRfc"/>: capability 207 after 206); the api.rst hunk, the RFC's section
/// 7.30, goes at the end of chapter 7, where the RFC put it. Nothing of either is committed.
/// </summary>
internal sealed class LockMemslotRfcTree : IDisposable
{
    /// <summary>The RFC's api.rst hunk, as the patch adds it (its "+" lines), the leftover conflict line included.</summary>
    public const string Section = """
        7.30 KVM_CAP_ARM_LOCK_USER_MEMORY_REGION
        ----------------------------------------

        :Architectures: arm64
        :Target: VM
        :Parameters: flags is one of KVM_ARM_LOCK_USER_MEMORY_REGION_FLAGS_LOCK or
                             KVM_ARM_LOCK_USER_MEMORY_REGION_FLAGS_UNLOCK
                     args[0] is the slot number
                     args[1] specifies the permisions when the memslot is locked or if
                             all memslots should be unlocked

        The presence of this capability indicates that KVM supports locking the memory
        associated with the memslot, and unlocking a previously locked memslot.

        The 'flags' parameter is defined as follows:

        7.30.1 KVM_ARM_LOCK_USER_MEMORY_REGION_FLAGS_LOCK
        -------------------------------------------------

        :Capability: 'flags' parameter to KVM_CAP_ARM_LOCK_USER_MEMORY_REGION
        :Architectures: arm64
        :Target: VM
        :Parameters: args[0] contains the memory slot number
                     args[1] contains the permissions for the locked memory:
                             KVM_ARM_LOCK_MEMORY_READ (mandatory) to map it with
                             read permissions and KVM_ARM_LOCK_MEMORY_WRITE
                             (optional) with write permissions
        :Returns: 0 on success; negative error code on failure

        Enabling this capability causes the memory described by the memslot to be
        pinned in the process address space and the corresponding stage 2 IPA range
        mapped at stage 2. The permissions specified in args[1] apply to both
        mappings. The memory pinned with this capability counts towards the max
        locked memory limit for the current process.

        The capability should be enabled when no VCPUs are in the kernel executing an
        ioctl (and in particular, KVM_RUN); otherwise the ioctl will block until all
        VCPUs have returned. The virtual memory range described by the memslot must be
        mapped in the userspace process without any gaps. It is considered an error if
        write permissions are specified for a memslot which logs dirty pages.

        7.30.2 KVM_ARM_LOCK_USER_MEMORY_REGION_FLAGS_UNLOCK
        ---------------------------------------------------

        :Capability: 'flags' parameter to KVM_CAP_ARM_LOCK_USER_MEMORY_REGION
        :Architectures: arm64
        :Target: VM
        :Parameters: args[0] contains the memory slot number
                     args[1] optionally contains the flag KVM_ARM_UNLOCK_MEM_ALL,
                             which unlocks all previously locked memslots.
        :Returns: 0 on success; negative error code on failure

        Enabling this capability causes the memory pinned when locking the memslot
        specified in args[0] to be unpinned, or, optionally, all memslots to be
        unlocked. The IPA range is not unmapped from stage 2.
        >>>>>>> 56641eee289e (KVM: arm64: Add lock/unlock memslot user API)


        """;

    private const string ChapterEight = "8. Other capabilities.";

    private LockMemslotRfcTree(KernelRelease release, string folder, string include, string apiRst)
    {
        Release = release;
        Folder = folder;
        Include = include;
        ApiRst = apiRst;
    }

    /// <summary>The release the tree is a copy of.</summary>
    public KernelRelease Release { get; }

    /// <summary>The temp folder holding the copy.</summary>
    public string Folder { get; }

    /// <summary>The patched include folder.</summary>
    public string Include { get; }

    /// <summary>The patched linux/kvm.h.</summary>
    public string KvmHeader => Path.Combine(Include, "linux", "kvm.h");

    /// <summary>The patched api.rst.</summary>
    public string ApiRst { get; }

    /// <summary>The release's own arm64 include folders: the tree the patch is reviewed against.</summary>
    public IReadOnlyList<string> BaseInclude => Release.IncludeDirectories(TargetArch.Arm64);

    /// <summary>The release's x86_64 include folders, for the names of sections x86 shares with arm64.</summary>
    public IReadOnlyList<string> X86Include => Release.IncludeDirectories(TargetArch.X86_64);

    /// <summary>
    /// Copies <paramref name="version"/>'s arm64 headers and api.rst into a temp folder and applies the RFC;
    /// <paramref name="editHeader"/> and <paramref name="editSection"/> change the patch first, for the variants a test needs.
    /// </summary>
    public static LockMemslotRfcTree Create(string version, Func<string, string>? editHeader = null, Func<string, string>? editSection = null)
    {
        var release = KernelRelease.Get(version);
        var arch = TargetArch.Arm64;
        var folders = release.IncludeDirectories(arch);
        Assert.Single(folders);
        var real = HeaderFrontEnd.Read(new HeaderRequest(arch, folders), DiskHeaderFiles.Instance);
        Assert.True(real.Files.Count > 5, $"the arm64 headers of {release} were not read from {folders[0]}");
        var folder = Directory.CreateTempSubdirectory("kvmsharp-review-rfc-").FullName;
        var include = Path.Combine(folder, "include");
        foreach (var file in real.Files)
        {
            var relative = Path.GetRelativePath(folders[0], file);
            Assert.False(relative.StartsWith("..", StringComparison.Ordinal), $"{file} is outside {folders[0]}");
            var target = Path.Combine(include, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        var kvm = Path.Combine(include, "linux", "kvm.h");
        File.WriteAllText(kvm, (editHeader ?? (t => t))(PatchedArm64Header.InsertAsTheRfc(File.ReadAllText(kvm))));

        var apiRst = File.ReadAllText(release.ApiRst);
        var at = apiRst.IndexOf("\n" + ChapterEight + "\n", StringComparison.Ordinal);
        Assert.True(at > 0, $"{release.ApiRst} has no '{ChapterEight}' heading to put the RFC's section before");
        var section = (editSection ?? (t => t))(Section.Replace("\r", ""));
        var patchedRst = Path.Combine(folder, "api.rst");
        File.WriteAllText(patchedRst, apiRst.Insert(at + 1, section));
        return new LockMemslotRfcTree(release, folder, include, patchedRst);
    }

    /// <summary>
    /// The 1-based line and column of the first <paramref name="text"/> in <paramref name="file"/> (after the first line
    /// holding <paramref name="after"/>, when given), found by plain search.
    /// </summary>
    public static (int Line, int Column) Find(string file, string text, string? after = null)
    {
        var lines = File.ReadAllLines(file);
        var start = after is null ? 0 : Array.FindIndex(lines, l => l.Contains(after, StringComparison.Ordinal));
        if (start < 0)
            throw new InvalidOperationException($"'{after}' is not in {file}");
        for (var i = start; i < lines.Length; i++)
        {
            var column = lines[i].IndexOf(text, StringComparison.Ordinal);
            if (column >= 0)
                return (i + 1, column + 1);
        }
        throw new InvalidOperationException($"'{text}' is not in {file}");
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
