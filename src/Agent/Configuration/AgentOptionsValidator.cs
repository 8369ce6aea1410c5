using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Remoting;
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
        if (options.CoordinatorContacts.Count == 0)
        {
            failures.Add($"{S}.coordinator_contacts must list at least one coordinator node as host:port (its remoting.port), such as coordinator-0:4053");
        }

        for (var i = 0; i < options.CoordinatorContacts.Count; i++)
        {
            if (!TierEndpoint.TryParse(options.CoordinatorContacts[i], out _))
            {
                failures.Add($"{S}.coordinator_contacts[{i}] must be host:port with a port of 1-65535, got '{options.CoordinatorContacts[i]}'");
            }
        }

        if (Uri.CheckHostName(options.RemotingHost) == UriHostNameType.Unknown)
        {
            failures.Add($"{S}.remoting_host must be a host name or IP address, got '{options.RemotingHost}'");
        }

        failures.AddRange(RemotingTls.Problems(S, options.TlsCertificate, options.TlsPassword, options.TlsCa));

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
