using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ClickVault.Cluster.Coordinator.RunOnce;

/// <summary>Settings of <c>--run-once</c> (config section <c>run_once</c>).</summary>
public sealed record RunOnceOptions
{
    public const string Section = "run_once";

    /// <summary>
    /// How long to wait, from start-up, until every shard the topology knows has a connected agent. When it passes with
    /// some shards covered the run goes ahead and the others are reported failed; with no agent at all nothing runs.
    /// </summary>
    [ConfigurationKeyName("agent_timeout")]
    public TimeSpan AgentTimeout { get; init; } = TimeSpan.FromMinutes(2);
}

/// <summary>Names every wrong key of the <c>run_once</c> section.</summary>
public sealed class RunOnceOptionsValidator : IValidateOptions<RunOnceOptions>
{
    public ValidateOptionsResult Validate(string? name, RunOnceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.AgentTimeout > TimeSpan.Zero
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{RunOnceOptions.Section}.agent_timeout must be > 0 (e.g. 00:02:00), got {options.AgentTimeout}");
    }
}
