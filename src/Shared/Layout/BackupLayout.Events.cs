namespace ClickVault.Cluster.Shared.Layout;

/// <summary>
/// Layout v1 additions (backward compatible: new keys under a prefix no earlier reader lists):
/// <code>
/// {prefix}/{cluster}/events/{ts}.json      the structured events of one finished run
/// </code>
/// </summary>
public sealed partial class BackupLayout
{
    /// <summary>{prefix}/{cluster}/events/ — one document per finished run; kept apart from <see cref="RunsPrefix"/>, which readers list as manifests.</summary>
    public string EventsPrefix => $"{_root}/events/";

    public string RunEventsKey(RunId run) => $"{EventsPrefix}{run.Value}.json";

    /// <summary>
    /// Splits a backup folder key of this layout (<see cref="BackupPrefix(string, BackupKind, RunId)"/>, or an attempt's)
    /// into its shard path, kind and run; false for any key this layout did not compute.
    /// </summary>
    public bool TryParseBackupPrefix(string prefix, out string shardPath, out BackupKind kind, out RunId run)
    {
        var parsed = TryParseAttemptPrefix(prefix, out shardPath, out kind, out var attempt);
        run = attempt.Run;
        return parsed;
    }

    /// <summary>The same, with the attempt the folder holds.</summary>
    public bool TryParseAttemptPrefix(string prefix, out string shardPath, out BackupKind kind, out BackupAttempt attempt)
    {
        shardPath = string.Empty;
        kind = default;
        attempt = default;
        if (prefix.Length <= ClusterRoot.Length || !prefix.StartsWith(ClusterRoot, StringComparison.Ordinal) || !prefix.EndsWith('/'))
        {
            return false;
        }

        var segments = prefix[ClusterRoot.Length..^1].Split('/');
        if (segments.Length < 3 || !BackupAttempt.TryParse(segments[^1], out attempt))
        {
            return false;
        }

        switch (segments[^2])
        {
            case "full":
                kind = BackupKind.Full;
                break;
            case "incremental":
                kind = BackupKind.Incremental;
                break;
            default:
                return false;
        }

        shardPath = string.Join('/', segments[..^2]);
        return shardPath.Split('/').All(SafeSegment);
    }
}
