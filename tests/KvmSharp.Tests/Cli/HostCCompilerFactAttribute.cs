using Xunit;

namespace KvmSharp.Tests.Cli;

/// <summary>A fact that is skipped, with the reason, where the host C compiler cannot be used.</summary>
public sealed class HostCCompilerFactAttribute : FactAttribute
{
    public HostCCompilerFactAttribute()
    {
        if (HostCCompiler.UnavailableReason is { } reason)
            Skip = reason;
    }
}
