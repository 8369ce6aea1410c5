namespace ClickVault.Cluster.Shared.Layout;

/// <summary>
/// Layout v1 addition (backward compatible): the folder of a retried attempt (<see cref="BackupAttempt"/>) lies beside the
/// first attempt's, under the same kind:
/// <code>
/// {prefix}/{cluster}/{shard_path}/{kind}/{ts}.a{n}/     attempt n (from 2) of the shard's backup of run {ts}
/// </code>
/// Earlier readers skip such folders (not a run id), so they never index or delete them.
/// </summary>
public sealed partial class BackupLayout
{
    /// <summary>The folder ClickHouse writes one attempt's native backup into (ends with '/').</summary>
    public string BackupPrefix(string shardPath, BackupKind kind, BackupAttempt attempt) => $"{KindPrefix(shardPath, kind)}{attempt.Label}/";

    /// <summary>Whether <paramref name="prefix"/> is the folder of an attempt (any) of this shard's backup of <paramref name="run"/>.</summary>
    public bool IsBackupPrefix(string prefix, string shardPath, BackupKind kind, RunId run) =>
        TryParseAttemptPrefix(prefix, out var path, out var parsedKind, out var attempt)
        && path == shardPath && parsedKind == kind && attempt.Run == run;
}
