using System.Text.Json.Serialization;

namespace ClickVault.Cluster.Cli.Config;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = false)]
[JsonSerializable(typeof(ConfigValidationReport))]
public sealed partial class ConfigJson : JsonSerializerContext;
