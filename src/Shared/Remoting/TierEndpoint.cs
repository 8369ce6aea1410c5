using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace ClickVault.Cluster.Shared.Remoting;

/// <summary>
/// A coordinator node's Akka.Remote endpoint, written <c>host:port</c> in the config: a seed node for the other
/// coordinator nodes, a contact point for agents.
/// </summary>
public sealed record TierEndpoint(string Host, int Port)
{
    /// <summary>The actor system every coordinator node runs.</summary>
    public const string SystemName = "clickvault-coordinator";

    /// <summary>The actor on every coordinator node that takes agent messages from the receptionist.</summary>
    public const string AgentGatewayName = "agent-gateway";

    public static string AgentGatewayPath => "/user/" + AgentGatewayName;

    public static bool TryParse(string text, [NotNullWhen(true)] out TierEndpoint? node)
    {
        ArgumentNullException.ThrowIfNull(text);
        node = null;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || Uri.CheckHostName(text[..colon]) == UriHostNameType.Unknown
            || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            return false;
        }
        node = new TierEndpoint(text[..colon], port);
        return true;
    }

    /// <summary>The node's Akka address in the tier's actor system (<c>akka.ssl.tcp</c> with TLS).</summary>
    public string Address(string systemName = SystemName, bool tls = false) => $"{(tls ? "akka.ssl.tcp" : "akka.tcp")}://{systemName}@{Host}:{Port}";

    /// <summary>The node's ClusterClient receptionist, an agent's contact point.</summary>
    public string Receptionist(bool tls) => Address(tls: tls) + "/system/receptionist";

    public override string ToString() => $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";
}
