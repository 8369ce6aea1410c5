using ClickVault.Cluster.Shared.Catalog;

namespace ClickVault.Cluster.Coordinator.Shards;

/// <summary>Recording verifications of the chain entity's backups (its catalog's <c>last_verified</c>).</summary>
public sealed partial class ChainActor
{
    private void ReceiveVerification() =>
        ReceiveAsync<RecordVerification>(m => ReplyAsync(
            () => ChangeAsync(m.ShardPath, c => WithVerification(c, m)),
            "recording a verification in the catalog"));

    /// <summary>The catalog with the backup's <c>last_verified</c> replaced; unchanged when the backup is not (any more) listed.</summary>
    internal static ShardCatalog WithVerification(ShardCatalog catalog, RecordVerification record) => catalog with
    {
        Backups = [.. catalog.Backups.Select(b => b.RunId == record.Run ? b with { LastVerified = record.Verification } : b)],
    };
}
