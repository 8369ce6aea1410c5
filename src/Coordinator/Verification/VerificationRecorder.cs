using System.Text.Json;
using ClickVault.Cluster.Coordinator.Shards;
using Akka.Actor;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Storage;

namespace ClickVault.Cluster.Coordinator.Verification;

/// <summary>
/// Records a shard's verification: the full report as <c>.clickvault_verify.json</c> in the backup's folder, and
/// <c>last_verified</c> on the backup's entry of the shard's catalog (through the shard's chain entity, its only writer).
/// </summary>
public sealed class VerificationRecorder(IObjectStore store, IActorRef region)
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(60);

    /// <exception cref="InvalidOperationException">The chain entity could not record it; the message says why.</exception>
    public async Task RecordAsync(string shardPath, CatalogEntry entry, VerifyShardView report, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(report);
        await store.PutAsync(BackupLayout.VerifyReportKey(entry.Prefix), JsonSerializer.SerializeToUtf8Bytes(report, VerifyApiJson.Default.VerifyShardView),
            "application/json", cancellationToken).ConfigureAwait(false);
        var mark = new LastVerification(at, report.Passed, report.Replica ?? "", VerifyPlanner.Summary(report));
        var answer = await region.Ask<object>(new ShardEnvelope(new ShardId(report.Shard), new RecordVerification(shardPath, entry.RunId, mark)),
            AskTimeout, cancellationToken).ConfigureAwait(false);
        if (answer is ChainFailure failure)
        {
            throw new InvalidOperationException(failure.Message);
        }
    }
}
