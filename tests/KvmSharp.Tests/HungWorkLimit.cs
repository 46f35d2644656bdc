namespace KvmSharp.Tests;

/// <summary>
/// The one bound the tests put on work that may hang (a child process, a front-end loop). It stops a hung run; it is
/// never a verdict on speed: sized for a loaded 2-core CI machine, where a build or an AOT publish takes minutes, and
/// when it expires the failure says "timed out under load", apart from every real assertion.
/// </summary>
internal static class HungWorkLimit
{
    /// <summary>For a child process: dotnet build/pack/publish, clang, a sample.</summary>
    public static readonly TimeSpan Process = TimeSpan.FromMinutes(30);

    /// <summary>For work inside the test process (the front-end on one header).</summary>
    public static readonly TimeSpan InProcess = TimeSpan.FromMinutes(10);

    /// <summary>The failure for <paramref name="what"/> not finishing within <paramref name="limit"/>.</summary>
    public static TimeoutException TimedOut(string what, TimeSpan limit)
        => new($"timed out under load: {what} did not finish within {limit.TotalMinutes:0} minutes. The limit only stops a hung run; " +
               "if the machine was this loaded, run the test again before reading this as a defect.");
}
