namespace ClickVault.Cluster.Agent.Configuration;

/// <summary>
/// The agent's own settings (config section <c>agent</c>, snake_case keys): where the coordinator is, how to authenticate,
/// and the timings of heartbeats, reconnects and polling. <see cref="ToString"/> never shows the token.
/// </summary>
public sealed record AgentOptions
{
    public const string Section = "agent";

    /// <summary><c>agent.coordinator_url</c>: http(s) or ws(s) base URL; the agent dials <c>{base}/agents/ws</c>.</summary>
    public Uri? CoordinatorUrl { get; init; }

    /// <summary><c>agent.token</c>: the bearer token presented to the coordinator.</summary>
    public string Token { get; init; } = string.Empty;

    /// <summary><c>agent.heartbeat_interval</c>: until the coordinator's welcome names its own.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary><c>agent.reconnect_min_delay</c>: the first reconnect delay.</summary>
    public TimeSpan ReconnectMinDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary><c>agent.reconnect_max_delay</c>: the cap of the exponential backoff, and the delay after an auth failure.</summary>
    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary><c>agent.poll_interval</c>: how often system.backups is read, unless a StartBackup names its own.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary><c>agent.cluster</c>: the cluster name when the server has no <c>cluster</c> macro.</summary>
    public string? Cluster { get; init; }

    public override string ToString() =>
        $"AgentOptions {{ CoordinatorUrl = {CoordinatorUrl}, Token = {(Token.Length == 0 ? "(empty)" : "[HIDDEN]")}, " +
        $"HeartbeatInterval = {HeartbeatInterval}, ReconnectMinDelay = {ReconnectMinDelay}, ReconnectMaxDelay = {ReconnectMaxDelay}, " +
        $"PollInterval = {PollInterval}, Cluster = {Cluster ?? "(from macro)"} }}";

    /// <summary>Reads the section key by key, collecting a message for every value that cannot be read.</summary>
    internal static OptionsRead<AgentOptions> Read(SectionReader section)
    {
        var defaults = new AgentOptions();
        var options = new AgentOptions
        {
            CoordinatorUrl = section.Url("coordinator_url"),
            Token = section.String("token") ?? string.Empty,
            HeartbeatInterval = section.Duration("heartbeat_interval", defaults.HeartbeatInterval),
            ReconnectMinDelay = section.Duration("reconnect_min_delay", defaults.ReconnectMinDelay),
            ReconnectMaxDelay = section.Duration("reconnect_max_delay", defaults.ReconnectMaxDelay),
            PollInterval = section.Duration("poll_interval", defaults.PollInterval),
            Cluster = section.String("cluster"),
        };
        return section.Finish(options);
    }
}
