using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ClickVault.Cluster.Embedded.Launch;

namespace ClickVault.Cluster.Embedded.Demo;

/// <summary>
/// Writes a coordinator config and one agent config per node for the embedded cluster (JSON, the same keys as
/// deploy/*.example.json), with fresh random tokens, so the real processes can run against it.
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
            ["remoting"] = new JsonObject { ["port"] = remoting },
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
}
