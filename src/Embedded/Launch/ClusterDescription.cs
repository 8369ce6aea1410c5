using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClickVault.Cluster.Embedded.Launch;

/// <summary>The machine-readable description `up` writes to {dir}/cluster.json: what runs where, and how to reach it.</summary>
public sealed record ClusterDescription(
    string Cluster,
    string User,
    string Password,
    string BackupDisk,
    string BackupDiskPrefix,
    S3Description S3,
    IReadOnlyList<NodeDescription> Nodes)
{
    public const string FileName = "cluster.json";

    public int ShardCount => Nodes.Select(n => n.Shard).Distinct().Count();

    public IEnumerable<IGrouping<int, NodeDescription>> Shards() =>
        Nodes.GroupBy(n => n.Shard).OrderBy(g => g.Key);

    public static ClusterDescription Read(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"no embedded cluster described at {path} (run `clickvault-embedded up` first)", path);
        }
        return JsonSerializer.Deserialize(File.ReadAllText(path), ClusterJson.Default.ClusterDescription)
               ?? throw new InvalidDataException($"{path} is empty");
    }

    public void Write(string directory) =>
        File.WriteAllText(Path.Combine(directory, FileName), JsonSerializer.Serialize(this, ClusterJson.Default.ClusterDescription));

    public override string ToString() => $"ClusterDescription {{ Cluster = {Cluster}, Nodes = {Nodes.Count}, S3 = {S3.Endpoint} }}";
}

public sealed record S3Description(string Endpoint, string Bucket, string AccessKey, string SecretKey, int Port, int Pid, string DataDir)
{
    public override string ToString() => $"S3Description {{ Endpoint = {Endpoint}, Bucket = {Bucket}, Pid = {Pid} }}";
}

public sealed record NodeDescription(
    string Name,
    int Shard,
    string Replica,
    int HttpPort,
    int TcpPort,
    int Pid,
    string DataDir,
    string ConfigFile,
    string LogFile)
{
    public Uri Url => new($"http://127.0.0.1:{HttpPort}/");
}

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ClusterDescription))]
internal sealed partial class ClusterJson : JsonSerializerContext;
