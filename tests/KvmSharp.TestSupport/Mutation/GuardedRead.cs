using System.Diagnostics;
using KvmSharp.Generator.FrontEnd;
using KvmSharp.Generator.Model;
using KvmSharp.Generator;

namespace KvmSharp.TestSupport.Mutation;

/// <summary>What one read of a copy gave: a model, an exception, or nothing in time.</summary>
internal sealed record ReadResult(HeaderModel? Model, Exception? Exception, bool TimedOut, TimeSpan Elapsed);

/// <summary>
/// Runs <see cref="HeaderFrontEnd.Read"/> on its own thread so that an input that sends the front-end
/// into an endless loop is reported as a hang instead of stopping the whole run. A hung thread cannot
/// be stopped in .NET; it is left behind as a background thread.
/// </summary>
internal static class GuardedRead
{
    public static ReadResult Run(HeaderRequest request, IHeaderFiles files, TimeSpan timeout)
    {
        HeaderModel? model = null;
        Exception? exception = null;
        var clock = Stopwatch.StartNew();
        var thread = new Thread(() =>
        {
            try
            {
                model = HeaderFrontEnd.Read(request, files);
            }
            catch (Exception e)
            {
                exception = e;
            }
        })
        {
            IsBackground = true,
            Name = "front-end read",
        };
        thread.Start();
        return thread.Join(timeout)
            ? new ReadResult(model, exception, false, clock.Elapsed)
            : new ReadResult(null, null, true, clock.Elapsed);
    }
}
