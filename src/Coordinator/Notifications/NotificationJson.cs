using System.Text.Json;
using System.Text.Json.Serialization;
using ClickVault.Cluster.Shared.Catalog;

namespace ClickVault.Cluster.Coordinator.Notifications;

/// <summary>Source-generated JSON for notification bodies (snake_case, compact).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(SlackMessage))]
[JsonSerializable(typeof(RunFinishedEvent))]
public sealed partial class NotificationJson : JsonSerializerContext;

/// <summary>The body for a target's type, as UTF-8 JSON.</summary>
public static class NotificationPayloads
{
    public const string ContentType = "application/json";

    /// <exception cref="ArgumentOutOfRangeException">The type is neither <c>slack</c> nor <c>webhook</c>.</exception>
    public static byte[] For(string targetType, RunManifest run, SecretRedactor redactor) => targetType switch
    {
        NotificationTargetOptions.SlackType => JsonSerializer.SerializeToUtf8Bytes(SlackPayloadBuilder.Build(run, redactor), NotificationJson.Default.SlackMessage),
        NotificationTargetOptions.WebhookType => JsonSerializer.SerializeToUtf8Bytes(WebhookPayloadBuilder.Build(run, redactor), NotificationJson.Default.RunFinishedEvent),
        _ => throw new ArgumentOutOfRangeException(nameof(targetType), targetType, "notification target type must be 'slack' or 'webhook'"),
    };
}
