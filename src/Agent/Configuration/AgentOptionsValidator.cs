using ClickVault.Cluster.Shared.Layout;
using Microsoft.Extensions.Options;

namespace ClickVault.Cluster.Agent.Configuration;

/// <summary>Names every wrong key of <see cref="AgentOptions"/> by its configuration path; never echoes the token.</summary>
public sealed class AgentOptionsValidator : IValidateOptions<AgentOptions>
{
    private const string S = AgentOptions.Section;

    public ValidateOptionsResult Validate(string? name, AgentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.CoordinatorUrl is not { IsAbsoluteUri: true } url || url.Scheme is not ("http" or "https" or "ws" or "wss"))
        {
            failures.Add($"{S}.coordinator_url must be an absolute http(s) or ws(s) URL such as https://coordinator:8080/");
        }
        else if (url.UserInfo.Length > 0)
        {
            failures.Add($"{S}.coordinator_url must not carry credentials; use {S}.token");
        }
        else if (url.Query.Length > 0 || url.Fragment.Length > 0)
        {
            failures.Add($"{S}.coordinator_url must be a base URL without query or fragment (the agent appends /agents/ws)");
        }

        if (string.IsNullOrWhiteSpace(options.Token))
        {
            failures.Add($"{S}.token must be set (or the environment variable CLICKVAULT_AGENT_TOKEN)");
        }
        else if (options.Token.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            failures.Add($"{S}.token must not contain whitespace or control characters");
        }

        Positive(failures, "heartbeat_interval", options.HeartbeatInterval);
        Positive(failures, "reconnect_min_delay", options.ReconnectMinDelay);
        Positive(failures, "reconnect_max_delay", options.ReconnectMaxDelay);
        Positive(failures, "poll_interval", options.PollInterval);
        if (options.ReconnectMaxDelay < options.ReconnectMinDelay)
        {
            failures.Add($"{S}.reconnect_max_delay ({options.ReconnectMaxDelay}) must not be less than {S}.reconnect_min_delay ({options.ReconnectMinDelay})");
        }

        if (options.Cluster is { } cluster)
        {
            try
            {
                _ = new ClusterName(cluster);
            }
            catch (ArgumentException e)
            {
                failures.Add($"{S}.cluster is invalid: {e.Message.Split(" (Parameter", 2)[0]}");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Positive(List<string> failures, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{S}.{key} must be greater than zero (got {value})");
        }
    }
}
