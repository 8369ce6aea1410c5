namespace ClickVault.Cluster.Agent.Configuration;

/// <summary>
/// The agent's own settings (config section <c>agent</c>, snake_case keys): where the coordinator tier is, how to authenticate,
/// and the timings of heartbeats, reconnects and polling. <see cref="ToString"/> never shows the token.
/// </summary>
public sealed record AgentOptions
{
    public const string Section = "agent";

    /// <summary>
    /// <c>agent.coordinator_contacts</c>: Akka.Remote endpoints (<c>host:port</c>) of coordinator nodes; the agent's
    /// ClusterClient reaches the tier through any of them and learns the others from it.
    /// </summary>
    public IReadOnlyList<string> CoordinatorContacts { get; init; } = [];

    /// <summary><c>agent.remoting_host</c>: the address the agent's Akka.Remote binds. The coordinator answers over the
    /// connection the agent opened, so the agent accepts no connections from elsewhere.</summary>
    public string RemotingHost { get; init; } = "127.0.0.1";

    /// <summary><c>agent.remoting_port</c>: 0 (any free port) unless a firewall wants a fixed one.</summary>
    public int RemotingPort { get; init; }

    /// <summary><c>agent.tls_certificate</c>: PKCS#12 with the agent's certificate and key; with <c>agent.tls_ca</c>, mutual TLS to the tier.</summary>
    public string? TlsCertificate { get; init; }

    /// <summary><c>agent.tls_password</c>: the PKCS#12 file's password (a secret: <c>CLICKVAULT_AGENT__TLS_PASSWORD</c>).</summary>
    public string? TlsPassword { get; init; }

    /// <summary><c>agent.tls_ca</c>: the CA the coordinator nodes' certificates must chain to.</summary>
    public string? TlsCa { get; init; }

    public bool TlsEnabled => !string.IsNullOrEmpty(TlsCertificate);

    /// <summary><c>agent.token</c>: the token the agent's hello presents to the coordinator.</summary>
    public string Token { get; init; } = string.Empty;

    /// <summary><c>agent.heartbeat_interval</c>: until the coordinator's welcome names its own.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary><c>agent.reconnect_min_delay</c>: how often the agent tries its contact points while it reaches none.</summary>
    public TimeSpan ReconnectMinDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary><c>agent.reconnect_max_delay</c>: the wait before a new hello after the coordinator refused one.</summary>
    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary><c>agent.poll_interval</c>: how often system.backups is read, unless a StartBackup names its own.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary><c>agent.cluster</c>: the cluster name when the server has no <c>cluster</c> macro.</summary>
    public string? Cluster { get; init; }

    public override string ToString() =>
        $"AgentOptions {{ CoordinatorContacts = [{string.Join(", ", CoordinatorContacts)}], RemotingHost = {RemotingHost}, RemotingPort = {RemotingPort}, TlsCertificate = {TlsCertificate}, " +
        $"TlsPassword = {(string.IsNullOrEmpty(TlsPassword) ? "(empty)" : "[HIDDEN]")}, TlsCa = {TlsCa}, Token = {(Token.Length == 0 ? "(empty)" : "[HIDDEN]")}, " +
        $"HeartbeatInterval = {HeartbeatInterval}, ReconnectMinDelay = {ReconnectMinDelay}, ReconnectMaxDelay = {ReconnectMaxDelay}, " +
        $"PollInterval = {PollInterval}, Cluster = {Cluster ?? "(from macro)"} }}";

    /// <summary>Reads the section key by key, collecting a message for every value that cannot be read.</summary>
    internal static OptionsRead<AgentOptions> Read(SectionReader section)
    {
        var defaults = new AgentOptions();
        var options = new AgentOptions
        {
            CoordinatorContacts = section.Strings("coordinator_contacts"),
            RemotingHost = section.String("remoting_host") ?? defaults.RemotingHost,
            RemotingPort = (int)section.Int64("remoting_port", defaults.RemotingPort, 0, 65535),
            TlsCertificate = section.String("tls_certificate"),
            TlsPassword = section.String("tls_password"),
            TlsCa = section.String("tls_ca"),
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
