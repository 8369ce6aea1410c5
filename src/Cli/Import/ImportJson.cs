using System.Text.Json.Serialization;

namespace ClickVault.Cluster.Cli.Import;

/// <summary>What <c>config import --json</c> prints: one report document.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = false)]
[JsonSerializable(typeof(ConfigImportReport))]
public sealed partial class ImportJson : JsonSerializerContext;
