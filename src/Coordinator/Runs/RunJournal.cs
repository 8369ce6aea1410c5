using System.Text.Json;
using System.Text.Json.Serialization;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Storage;

namespace ClickVault.Cluster.Coordinator.Runs;

/// <summary>
/// The coordinator's journal in S3: the active run's state, rewritten after every change and before the
/// coordinator acts on it (<c>{cluster}/journal/active-run.json</c>). A restarted coordinator resumes from it.
/// </summary>
public sealed class RunJournal(IObjectStore store, BackupLayout layout)
{
    private string ActiveKey => layout.ActiveRunKey;

    public Task WriteAsync(RunState state, CancellationToken cancellationToken) =>
        store.PutAsync(ActiveKey, JsonSerializer.SerializeToUtf8Bytes(state, JournalJson.Default.RunState), "application/json", cancellationToken);

    public async Task<RunState?> ReadActiveAsync(CancellationToken cancellationToken)
    {
        try
        {
            var content = await store.GetAsync(ActiveKey, cancellationToken).ConfigureAwait(false);
            return JsonSerializer.Deserialize(content.Data.Span, JournalJson.Default.RunState);
        }
        catch (ObjectNotFoundException)
        {
            return null;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"journal '{ActiveKey}' is unreadable: {e.Message}", e);
        }
    }

    /// <summary>The run is finished and its manifest written: nothing left to resume.</summary>
    public Task ClearAsync(CancellationToken cancellationToken) => store.DeleteAsync(ActiveKey, cancellationToken);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UseStringEnumConverter = true)]
[JsonSerializable(typeof(RunState))]
internal sealed partial class JournalJson : JsonSerializerContext;
