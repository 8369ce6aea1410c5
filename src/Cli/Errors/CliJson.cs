using System.Text.Json.Serialization;

namespace ClickVault.Cluster.Cli.Errors;

/// <summary>The error document printed with <c>--json</c>.</summary>
public sealed record CliErrorDocument(CliErrorBody Error);

/// <summary>
/// <see cref="Code"/> is the server's <c>ApiError.Code</c> when the coordinator sent one (e.g. run_active), else one
/// of usage, unreachable, unauthorized, not_found, server_error, invalid_response, interrupted, internal.
/// </summary>
public sealed record CliErrorBody(string Code, string Message, int ExitCode);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = false)]
[JsonSerializable(typeof(CliErrorDocument))]
public sealed partial class CliJson : JsonSerializerContext;
