using System.Xml.Linq;

namespace ClickVault.Cluster.Embedded.Launch;

/// <summary>
/// The server config of one embedded node: its macros, the whole cluster in remote_servers (so
/// system.clusters lists every replica), and an s3_plain disk on the S3 server that BACKUP/RESTORE may use.
/// </summary>
public static class NodeConfigXml
{
    public static XDocument Build(ClusterDescription cluster, NodeDescription node)
    {
        var shards = cluster.Shards().Select(shard => new XElement("shard",
            new XElement("internal_replication", "true"),
            shard.OrderBy(r => r.Replica, StringComparer.Ordinal).Select(r => new XElement("replica",
                new XElement("host", "127.0.0.1"),
                new XElement("port", r.TcpPort)))));

        var endpoint = $"{cluster.S3.Endpoint.TrimEnd('/')}/{cluster.S3.Bucket}/{cluster.BackupDiskPrefix}";
        return new XDocument(new XElement("clickhouse",
            new XElement("logger", new XElement("level", "warning"), new XElement("console", "1")),
            new XElement("display_name", node.Name),
            new XElement("tcp_port", node.TcpPort),
            new XElement("http_port", node.HttpPort),
            new XElement("macros",
                new XElement("cluster", cluster.Cluster),
                new XElement("shard", node.Shard),
                new XElement("replica", node.Replica)),
            new XElement("remote_servers", new XElement(cluster.Cluster, shards)),
            new XElement("storage_configuration", new XElement("disks", new XElement(cluster.BackupDisk,
                new XElement("type", "s3_plain"),
                new XElement("endpoint", endpoint),
                new XElement("access_key_id", cluster.S3.AccessKey),
                new XElement("secret_access_key", cluster.S3.SecretKey),
                new XElement("region", "us-east-1")))),
            new XElement("backups",
                new XElement("allowed_disk", cluster.BackupDisk),
                new XElement("allowed_path", Path.Combine(node.DataDir, "backups") + "/"))));
    }
}
