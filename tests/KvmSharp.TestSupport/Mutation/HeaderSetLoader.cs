using KvmSharp.Generator.FrontEnd.Targets;
using KvmSharp.Generator.FrontEnd;
using KvmSharp.Generator;

namespace KvmSharp.TestSupport.Mutation;

/// <summary>Loads, once, the real header set of a target from the disk.</summary>
internal static class HeaderSetLoader
{
    /// <summary>
    /// Lets the front-end read <c>linux/kvm.h</c> from <paramref name="disk"/> and keeps every file it
    /// opened, under the path it opened it by; when the front-end cannot run (not written yet, or it
    /// throws on the real header), follows the <c>#include</c> lines instead.
    /// </summary>
    public static HeaderSet Load(TargetArch arch, IHeaderFiles? disk = null)
    {
        disk ??= DiskHeaderFiles.Instance;
        var request = new HeaderRequest(arch, arch.DefaultIncludeDirectories);
        var recording = new RecordingHeaderFiles(disk);
        string fallbackReason;
        try
        {
            HeaderFrontEnd.Read(request, recording);
            var opened = recording.Opened;
            var mainIndex = IndexOfMain(opened, request.Header);
            if (mainIndex >= 0)
                return new HeaderSet(request, MainFirst(opened, mainIndex), "front-end");
            fallbackReason = $"front-end opened no {request.Header}";
        }
        catch (Exception e)
        {
            fallbackReason = $"front-end threw {e.GetType().Name}";
        }

        return new HeaderSet(request, IncludeFollower.Follow(request, disk), $"include follower ({fallbackReason})");
    }

    private static int IndexOfMain(IReadOnlyList<HeaderText> opened, string header)
    {
        for (var i = 0; i < opened.Count; i++)
        {
            if (opened[i].Path.Replace('\\', '/').EndsWith("/" + header, StringComparison.Ordinal))
                return i;
        }

        return -1;
    }

    private static List<HeaderText> MainFirst(IReadOnlyList<HeaderText> opened, int mainIndex)
    {
        var ordered = new List<HeaderText> { opened[mainIndex] };
        ordered.AddRange(opened.Where((_, i) => i != mainIndex));
        return ordered;
    }
}
