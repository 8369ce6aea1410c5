using System.Globalization;

namespace ClickVault.Cluster.Bench.Harness;

/// <summary>One goal of a mode, as measured in this run.</summary>
public sealed record GoalResult(string Mode, string Measure, string Measured, string Goal, bool Met);

/// <summary>Writes a mode's lines and its goals ("met" / "NOT met"), and the table of every goal at the end.</summary>
public sealed class BenchReport(TextWriter output)
{
    private readonly List<GoalResult> _goals = [];

    public IReadOnlyList<GoalResult> Goals => _goals;

    public void Line(FormattableString text) => output.WriteLine(text.ToString(CultureInfo.InvariantCulture));

    public void Goal(string mode, string measure, string measured, string goal, bool met)
    {
        _goals.Add(new GoalResult(mode, measure, measured, goal, met));
        output.WriteLine($"  GOAL {measure}: {measured}; goal {goal}: {(met ? "met" : "NOT met")}");
        output.Flush();
    }

    public void Summary()
    {
        var width = Math.Max(7, _goals.Max(g => g.Mode.Length + g.Measure.Length + 1));
        var goalWidth = Math.Max(4, _goals.Max(g => g.Goal.Length));
        output.WriteLine();
        output.WriteLine($"{"measure".PadRight(width)}  {"goal".PadRight(goalWidth)}  measured");
        foreach (var g in _goals)
        {
            output.WriteLine($"{$"{g.Mode} {g.Measure}".PadRight(width)}  {g.Goal.PadRight(goalWidth)}  {g.Measured}: {(g.Met ? "met" : "NOT met")}");
        }
    }
}

/// <summary>Values of interleaved rounds (wall times in seconds, ratios): their median and spread.</summary>
public sealed class Samples
{
    private readonly List<double> _values = [];

    public int Count => _values.Count;

    public double Median
    {
        get
        {
            var sorted = _values.Order().ToList();
            return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        }
    }

    public double Min => _values.Min();

    public double Max => _values.Max();

    public void Add(double value) => _values.Add(value);

    /// <summary>"1.034 (0.991..1.102)": the median and the range.</summary>
    public string Describe(string format) =>
        string.Create(CultureInfo.InvariantCulture, $"{Median.ToString(format, CultureInfo.InvariantCulture)} ({Min.ToString(format, CultureInfo.InvariantCulture)}..{Max.ToString(format, CultureInfo.InvariantCulture)})");
}
