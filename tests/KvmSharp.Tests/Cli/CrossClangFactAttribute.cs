using Xunit;

namespace KvmSharp.Tests.Cli;

/// <summary>A fact that is skipped, with the reason, without clang or without the arm64 cross headers.</summary>
public sealed class CrossClangFactAttribute : FactAttribute
{
    public CrossClangFactAttribute()
    {
        if (CrossClang.Path is null)
            Skip = "needs clang-14 on PATH";
        else if (!File.Exists("/usr/aarch64-linux-gnu/include/linux/kvm.h"))
            Skip = "needs linux-libc-dev-arm64-cross";
    }
}
