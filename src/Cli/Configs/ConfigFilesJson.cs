using System.Text.Json.Serialization;

namespace ClickVault.Cluster.Cli.Configs;

/// <summary>What <c>restore --configs-to</c> prints with <c>--json</c>: one document per replica written.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = false)]
[JsonSerializable(typeof(IReadOnlyList<ReplicaConfigsWritten>))]
public sealed partial class ConfigFilesJson : JsonSerializerContext;
