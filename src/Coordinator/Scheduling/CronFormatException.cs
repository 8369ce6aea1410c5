namespace ClickVault.Cluster.Coordinator.Scheduling;

/// <summary>
/// A cron expression that cannot be parsed. The message names the expression, the field and why, e.g.
/// <c>cron '0 25 * * *': hour '25': value must be a number between 0 and 23</c>.
/// </summary>
public sealed class CronFormatException : FormatException
{
    public CronFormatException(string expression, string? field, string problem)
        : base($"cron '{expression}': {problem}")
    {
        Expression = expression;
        Field = field;
        Problem = problem;
    }

    /// <summary>The expression as given.</summary>
    public string Expression { get; }

    /// <summary>The field at fault (<c>minute</c>, <c>hour</c>, <c>day-of-month</c>, <c>month</c>, <c>day-of-week</c>), or null when the whole expression is.</summary>
    public string? Field { get; }

    /// <summary>What is wrong, without the expression.</summary>
    public string Problem { get; }
}
