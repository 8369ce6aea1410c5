using Microsoft.Extensions.Configuration;

namespace ClickVault.Cluster.Coordinator.Tier;

/// <summary>
/// How this coordinator node takes part in the coordinator tier (config section <c>remoting</c>): where Akka.Remote
/// listens, the name other nodes reach it by, and the seed nodes the tier forms from. No seed nodes: the node forms a
/// tier of its own (the default, one coordinator).
/// </summary>
public sealed record RemotingOptions
{
    public const string Section = "remoting";

    /// <summary>The address Akka.Remote binds (0.0.0.0 for every interface).</summary>
    [ConfigurationKeyName("host")]
    public string Host { get; init => field = value ?? ""; } = "127.0.0.1";

    /// <summary>The TCP port, which agents' <c>agent.coordinator_contacts</c> name; 0 takes any free port (tests).</summary>
    [ConfigurationKeyName("port")]
    public int Port { get; init; } = DefaultPort;

    public const int DefaultPort = 4053;

    /// <summary>The host name the other nodes reach this one by; empty: <see cref="Host"/> (or the machine name when that is 0.0.0.0).</summary>
    [ConfigurationKeyName("public_host")]
    public string PublicHost { get; init => field = value ?? ""; } = "";

    /// <summary>Seed nodes as <c>host:port</c>, the same list on every node; the first one that is up forms the tier.</summary>
    [ConfigurationKeyName("seed_nodes")]
    public IReadOnlyList<string> SeedNodes { get; init; } = [];

    /// <summary>PKCS#12 file with this node's certificate and key (server and client authentication); with <see cref="TlsCa"/>, mutual TLS.</summary>
    [ConfigurationKeyName("tls_certificate")]
    public string TlsCertificate { get; init => field = value ?? ""; } = "";

    /// <summary>The PKCS#12 file's password (a secret: <c>CLICKVAULT_REMOTING__TLS_PASSWORD</c>).</summary>
    [ConfigurationKeyName("tls_password")]
    public string TlsPassword { get; init => field = value ?? ""; } = "";

    /// <summary>The CA (PEM or DER) every peer's certificate must chain to: agents and the other coordinator nodes.</summary>
    [ConfigurationKeyName("tls_ca")]
    public string TlsCa { get; init => field = value ?? ""; } = "";

    public bool TlsEnabled => TlsCertificate.Length > 0;

    /// <summary>The host name this node is known by.</summary>
    public string AdvertisedHost =>
        PublicHost.Length > 0 ? PublicHost : Host is "0.0.0.0" or "::" ? System.Net.Dns.GetHostName() : Host;

    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Append($"Host = {Host}, Port = {Port}, PublicHost = {PublicHost}, SeedNodes = [{string.Join(", ", SeedNodes)}], ")
            .Append($"TlsCertificate = {TlsCertificate}, TlsPassword = {(TlsPassword.Length == 0 ? "(empty)" : "[HIDDEN]")}, TlsCa = {TlsCa}");
        return true;
    }
}
