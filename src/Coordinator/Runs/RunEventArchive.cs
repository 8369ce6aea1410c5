using System.Text.Json;
using System.Text.Json.Serialization;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Catalog;
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

    /// <summary>The stored events of <paramref name="run"/>, or null when none were stored; <see cref="CatalogCorruptException"/> when unreadable.</summary>
    public async Task<IReadOnlyList<RunEvent>?> ReadAsync(RunId run, CancellationToken cancellationToken) =>
        (await CatalogStore.ReadDocumentAsync(store, layout.RunEventsKey(run), RunEventArchiveJson.Default.RunEventsDocument, cancellationToken)
            .ConfigureAwait(false))?.Events;
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(RunEventsDocument))]
internal sealed partial class RunEventArchiveJson : JsonSerializerContext;
