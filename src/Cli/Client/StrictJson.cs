using System.Text.Json;

namespace ClickVault.Cluster.Cli.Client;

/// <summary>
/// How the CLI reads API answers: a missing or null non-nullable field is a contract violation reported as such (exit 7),
/// not a NullReferenceException while rendering.
/// </summary>
internal static class StrictJson
{
    public static JsonSerializerOptions Options(JsonSerializerOptions generated) => new(generated)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };
}
