using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace ClickVault.Cluster.Coordinator.Tier;

/// <summary>A coordinator node the tier forms from, written <c>host:port</c> in the config.</summary>
public sealed record SeedNode(string Host, int Port)
{
    public static bool TryParse(string text, [NotNullWhen(true)] out SeedNode? node)
    {
        node = null;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || Uri.CheckHostName(text[..colon]) == UriHostNameType.Unknown
            || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            return false;
        }
        node = new SeedNode(text[..colon], port);
        return true;
    }

    /// <summary>The node's Akka address in the tier's actor system.</summary>
    public string Address(string systemName) => $"akka.tcp://{systemName}@{Host}:{Port}";
}
