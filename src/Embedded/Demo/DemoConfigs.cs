using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ClickVault.Cluster.Embedded.Launch;
using ClickVault.Cluster.Embedded.Tls;

namespace ClickVault.Cluster.Embedded.Demo;

/// <summary>
/// Writes a coordinator config and one agent config per node for the embedded cluster (JSON, the same keys as
/// deploy/*.example.json), with fresh random tokens and a CA of its own (mutual TLS on Akka.Remote), so the real processes can run against it.
/// </summary>
public static class DemoConfigs
{
    public const string CoordinatorFile = "coordinator.json";

    public static string AgentFile(NodeDescription node) => $"agent-{node.Name}.json";

    public static (int Port, string OperatorToken) Write(ClusterDescription cluster, string directory, IReadOnlyList<string> databases)
    {
        var ports = ProcessControl.FreeLoopbackPorts(2);
        var (port, remoting) = (ports[0], ports[1]);
        var agentToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var operatorToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var tlsPassword = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var tls = WriteCertificates(cluster, directory, tlsPassword);
        var coordinator = new JsonObject
        {
            ["coordinator"] = new JsonObject
            {
                ["cluster"] = cluster.Cluster,
                ["listen"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
                ["agent_token"] = agentToken,
                ["operator_token"] = operatorToken,
                ["heartbeat_interval"] = "00:00:02",
                ["agent_timeout"] = "00:00:08",
            },
            ["remoting"] = new JsonObject
            {
                ["port"] = remoting,
                ["tls_certificate"] = tls.Coordinator,
                ["tls_password"] = tlsPassword,
                ["tls_ca"] = tls.Authority,
            },
            ["backup"] = new JsonObject
            {
                ["databases"] = new JsonArray([.. databases.Select(d => JsonValue.Create(d))]),
                ["prefix"] = "backups",
                ["destination"] = "disk",
                ["disk"] = cluster.BackupDisk,
                ["disk_root"] = cluster.BackupDiskPrefix,
                ["poll_interval"] = "00:00:00.200",
                ["replica_policy"] = "affinity",
            },
            ["s3"] = new JsonObject
            {
                ["endpoint"] = cluster.S3.Endpoint,
                ["bucket"] = cluster.S3.Bucket,
                ["access_key"] = cluster.S3.AccessKey,
                ["secret_key"] = cluster.S3.SecretKey,
            },
        };
        File.WriteAllText(Path.Combine(directory, CoordinatorFile), coordinator.ToJsonString(new() { WriteIndented = true }));
        foreach (var node in cluster.Nodes)
        {
            var agent = new JsonObject
            {
                ["agent"] = new JsonObject
                {
                    ["coordinator_contacts"] = new JsonArray($"127.0.0.1:{remoting.ToString(CultureInfo.InvariantCulture)}"),
                    ["token"] = agentToken,
                    ["heartbeat_interval"] = "00:00:02",
                    ["tls_certificate"] = tls.Agents[node.Name],
                    ["tls_password"] = tlsPassword,
                    ["tls_ca"] = tls.Authority,
                },
                ["clickhouse"] = new JsonObject
                {
                    ["url"] = node.Url.ToString(),
                    ["user"] = cluster.User,
                    ["password"] = cluster.Password,
                },
                ["destination"] = new JsonObject { ["disk"] = cluster.BackupDisk },
                ["config_backup"] = new JsonObject { ["directory"] = Path.GetDirectoryName(node.ConfigFile) },
            };
            File.WriteAllText(Path.Combine(directory, AgentFile(node)), agent.ToJsonString(new() { WriteIndented = true }));
        }
        return (port, operatorToken);
    }

    /// <summary>A CA of this cluster and a certificate for the coordinator and each agent: Akka.Remote runs with mutual TLS.</summary>
    private static (string Authority, string Coordinator, Dictionary<string, string> Agents) WriteCertificates(
        ClusterDescription cluster, string directory, string password)
    {
        var folder = Directory.CreateDirectory(Path.Combine(directory, "tls")).FullName;
        using var authority = CertificateAuthority.Create($"ClickVault {cluster.Cluster} CA");
        var ca = Path.Combine(folder, "ca.pem");
        authority.WriteAuthority(ca);
        var coordinator = Path.Combine(folder, "coordinator.p12");
        authority.WriteNode("coordinator", coordinator, password);
        var agents = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var node in cluster.Nodes)
        {
            agents[node.Name] = Path.Combine(folder, $"agent-{node.Name}.p12");
            authority.WriteNode($"agent-{node.Name}", agents[node.Name], password);
        }
        return (ca, coordinator, agents);
    }
}
