using System.Globalization;

namespace KvmSharp.Bench.Consumer;

/// <summary>Measured durations of one kind (one variant, one step), summarized as median, min and max in ms.</summary>
internal sealed class Timings
{
    private readonly List<double> _ms = [];

    public void Add(TimeSpan elapsed) => _ms.Add(elapsed.TotalMilliseconds);

    public int Count => _ms.Count;

    public double Median
    {
        get
        {
            var sorted = _ms.Order().ToList();
            return sorted.Count == 0 ? double.NaN
                : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        }
    }

    public override string ToString() => _ms.Count == 0 ? "-"
        : string.Create(CultureInfo.InvariantCulture, $"median {Median:0} ms (min {_ms.Min():0}, max {_ms.Max():0}, n={_ms.Count})");

    /// <summary>How much more <paramref name="with"/>'s median is than <paramref name="without"/>'s, in percent.</summary>
    public static string Overhead(Timings without, Timings with)
        => string.Create(CultureInfo.InvariantCulture, $"{(with.Median / without.Median - 1) * 100:+0.0;-0.0}%");
}
