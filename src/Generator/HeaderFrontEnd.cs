using KvmSharp.Generator.Model;

namespace KvmSharp.Generator;

/// <summary>
/// The C front-end: header text to <see cref="HeaderModel"/>, as clang would see it for the target.
/// Never throws on bad input: every problem becomes a located <see cref="HeaderDiagnostic"/>.
/// </summary>
public static class HeaderFrontEnd
{
    /// <summary>Reads <paramref name="request"/>'s header from <paramref name="files"/> (the disk by default).</summary>
    public static HeaderModel Read(HeaderRequest request, IHeaderFiles? files = null)
        => throw new NotImplementedException();
}
