using System.Text.Json;
using System.Text.Json.Serialization;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Storage;

namespace ClickVault.Cluster.Coordinator.Runs;

/// <summary><c>{cluster}/events/{ts}.json</c>: the structured events of one finished run, oldest first.</summary>
public sealed record RunEventsDocument(int Version, string RunId, string Cluster, IReadOnlyList<RunEvent> Events)
{
    public const int CurrentVersion = 1;
}

/// <summary>
/// Keeps each finished run's events in S3 (written at run end, next to the manifest), so <c>clickvault logs</c> works for
/// past runs and after a coordinator restart.
/// </summary>
public sealed class RunEventArchive(IObjectStore store, BackupLayout layout)
{
    public Task WriteAsync(RunId run, IReadOnlyList<RunEvent> events, CancellationToken cancellationToken) =>
        store.PutAsync(
            layout.RunEventsKey(run),
            JsonSerializer.SerializeToUtf8Bytes(new RunEventsDocument(RunEventsDocument.CurrentVersion, run.Value, layout.Cluster.Value, events), RunEventArchiveJson.Default.RunEventsDocument),
            "application/json",
            cancellationToken);

    /// <summary>The stored events of <paramref name="run"/>, or null when none were stored.</summary>
    public async Task<IReadOnlyList<RunEvent>?> ReadAsync(RunId run, CancellationToken cancellationToken)
    {
        var key = layout.RunEventsKey(run);
        ObjectContent content;
        try
        {
            content = await store.GetAsync(key, cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectNotFoundException)
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize(content.Data.Span, RunEventArchiveJson.Default.RunEventsDocument)?.Events
                   ?? throw new InvalidDataException($"run events '{key}' are unreadable: document is JSON null");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"run events '{key}' are unreadable: {e.Message}", e);
        }
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(RunEventsDocument))]
internal sealed partial class RunEventArchiveJson : JsonSerializerContext;
