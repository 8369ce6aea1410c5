using Microsoft.Extensions.Options;
using ClickVault.Cluster.Shared.Remoting;

namespace ClickVault.Cluster.Coordinator.Tier;

/// <summary>Names every wrong key of the <c>remoting</c> section.</summary>
public sealed class RemotingOptionsValidator : IValidateOptions<RemotingOptions>
{
    public ValidateOptionsResult Validate(string? name, RemotingOptions o)
    {
        var failures = new List<string>();
        if (!IsHost(o.Host))
        {
            failures.Add($"{RemotingOptions.Section}.host must be a host name or IP address to bind, such as 0.0.0.0 (got '{o.Host}')");
        }
        if (o.Port is < 0 or > 65535)
        {
            failures.Add($"{RemotingOptions.Section}.port must be 0 (any free port) to 65535, got {o.Port}");
        }
        if (o.PublicHost.Length > 0 && !IsHost(o.PublicHost))
        {
            failures.Add($"{RemotingOptions.Section}.public_host must be a host name or IP address, got '{o.PublicHost}'");
        }
        for (var i = 0; i < o.SeedNodes.Count; i++)
        {
            if (!TierEndpoint.TryParse(o.SeedNodes[i], out _))
            {
                failures.Add($"{RemotingOptions.Section}.seed_nodes[{i}] must be host:port with a port of 1-65535, got '{o.SeedNodes[i]}'");
            }
        }
        if (o.SeedNodes.Count > 0 && o.Port == 0)
        {
            failures.Add($"{RemotingOptions.Section}.port must be fixed (not 0) when {RemotingOptions.Section}.seed_nodes lists the tier's nodes");
        }
        failures.AddRange(RemotingTls.Problems(RemotingOptions.Section, o.TlsCertificate, o.TlsPassword, o.TlsCa));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsHost(string value) => Uri.CheckHostName(value) != UriHostNameType.Unknown;
}
