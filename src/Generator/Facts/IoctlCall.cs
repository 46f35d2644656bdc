namespace KvmSharp.Generator.Facts;

/// <summary>How an ioctl's typed method is called and answers (a line of <c>IoctlCalls.txt</c>).</summary>
/// <param name="Name">The ioctl's macro name.</param>
/// <param name="Kind">What its line says.</param>
/// <param name="Argument">For <see cref="IoctlCallKind.Value"/>: the C# name of the integer argument.</param>
/// <param name="NoErrno">For <see cref="IoctlCallKind.YesNo"/>: the errno name that means "no" (<c>ENXIO</c>).</param>
/// <param name="Source">Where it comes from: api.rst's words, or the kernel function.</param>
public sealed record IoctlCall(string Name, IoctlCallKind Kind, string? Argument, string? NoErrno, string Source);

/// <summary>What an <see cref="IoctlCall"/> line says.</summary>
public enum IoctlCallKind
{
    /// <summary>The ioctl takes no argument.</summary>
    None,

    /// <summary>A required integer argument, by value.</summary>
    Value,

    /// <summary>The answer is yes (0) or no (an errno); other errors are errors.</summary>
    YesNo,
}
