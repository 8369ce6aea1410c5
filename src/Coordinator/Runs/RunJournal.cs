using System.Text.Json.Serialization;
using ClickVault.Cluster.Coordinator.Journal;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Storage;

namespace ClickVault.Cluster.Coordinator.Runs;

/// <summary>
/// The coordinator's journal in S3: the active run's state, rewritten after every change and before the
/// coordinator acts on it (<c>{cluster}/journal/active-run.json</c>). A restarted coordinator resumes from it.
/// </summary>
public sealed class RunJournal(IObjectStore store, BackupLayout layout)
{
    private readonly JournalDocument<RunState> _document = new(store, layout.ActiveRunKey, JournalJson.Default.RunState, "journal");

    public Task WriteAsync(RunState state, CancellationToken cancellationToken) => _document.WriteAsync(state, cancellationToken);

    /// <exception cref="InvalidDataException">The journal exists but cannot be read.</exception>
    public Task<RunState?> ReadActiveAsync(CancellationToken cancellationToken) => _document.ReadAsync(cancellationToken);

    /// <summary>The run is finished and its manifest written: nothing left to resume.</summary>
    public Task ClearAsync(CancellationToken cancellationToken) => _document.ClearAsync(cancellationToken);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UseStringEnumConverter = true)]
[JsonSerializable(typeof(RunState))]
internal sealed partial class JournalJson : JsonSerializerContext;
