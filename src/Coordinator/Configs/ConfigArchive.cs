using System.Security.Cryptography;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.ConfigFiles;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Protocol;
using ClickVault.Cluster.Shared.Storage;
using Microsoft.Extensions.Logging;

namespace ClickVault.Cluster.Coordinator.Configs;

/// <summary>
/// Stores the configuration directories agents send for a backup under that backup's prefix. Only collections the
/// coordinator asked for are accepted (<see cref="Expect"/>, per operation and replica); every file is checked (path,
/// SHA-256, size) before it is written, and the listing written at the end says what was stored and what was refused.
/// A collection the coordinator stops waiting for (restart, agent gone) simply leaves no listing for that replica.
/// </summary>
public sealed partial class ConfigArchive(IObjectStore store, CatalogStore catalog, TimeProvider time, ILogger<ConfigArchive> logger)
{
    private static readonly TimeSpan Abandoned = TimeSpan.FromHours(6);
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Operation, string Shard, string Replica), Collection> _expected = [];

    /// <summary>Accept one collection of <paramref name="operation"/> from <paramref name="replica"/> of <paramref name="shard"/>.</summary>
    public void Expect(OperationId operation, string shard, string replica, string backupPrefix)
    {
        BackupLayout.ConfigPrefix(backupPrefix, replica);
        var now = time.GetUtcNow();
        lock (_gate)
        {
            foreach (var stale in _expected.Where(e => now - e.Value.Since > Abandoned).Select(e => e.Key).ToList())
            {
                _expected.Remove(stale);
            }
            _expected[(operation.Value, shard, replica)] = new Collection(backupPrefix, now);
        }
    }

    /// <summary>Stores one file; null when accepted, else why it was rejected.</summary>
    public async Task<string?> AcceptFileAsync(string shard, string replica, ConfigFileContent file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var collection = Find(file.OperationId, shard, replica);
        if (collection is null)
        {
            return $"config file for {file.OperationId} was not asked for";
        }
        var problem = ConfigRelativePath.Problem(file.Path) is { } p ? $"path '{ConfigRelativePath.Printable(file.Path)}' is refused: {p}"
            : !string.Equals(Convert.ToHexStringLower(SHA256.HashData(file.Content)), file.Sha256, StringComparison.Ordinal) ? $"{file.Path}: SHA-256 does not match the content"
            : null;
        if (problem is not null)
        {
            collection.Refuse(ConfigRelativePath.Printable(file.Path), $"rejected by the coordinator: {problem}");
            return problem;
        }
        await store.PutAsync(BackupLayout.ConfigFileKey(collection.BackupPrefix, replica, file.Path), file.Content, "application/octet-stream", cancellationToken)
            .ConfigureAwait(false);
        collection.Stored(new ConfigFileEntry(file.Path, file.Content.Length, file.Sha256));
        return null;
    }

    /// <summary>Writes the listing of a finished collection; null when written, else why the message was rejected.</summary>
    public async Task<string?> CompleteAsync(string shard, string replica, ConfigCollected done, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(done);
        var collection = Find(done.OperationId, shard, replica);
        if (collection is null)
        {
            return $"config collection for {done.OperationId} was not asked for";
        }
        lock (_gate)
        {
            _expected.Remove((done.OperationId.Value, shard, replica));
        }
        var stored = collection.Files;
        var missing = done.Files.Where(f => !stored.Any(s => s.Path == f.Path && s.Sha256 == f.Sha256))
            .Select(f => new RefusedConfigEntry(f.Path, "announced by the agent but never received intact"));
        var listing = new ConfigListing(ConfigListing.CurrentVersion, replica, done.Directory, time.GetUtcNow(),
            [.. stored.OrderBy(f => f.Path, StringComparer.Ordinal)], [.. done.Refused, .. collection.Refused, .. missing], done.Error);
        await catalog.WriteConfigListingAsync(collection.BackupPrefix, listing, cancellationToken).ConfigureAwait(false);
        Log.Stored(logger, done.OperationId.Value, shard, replica, listing.Files.Count, listing.Files.Sum(f => f.Size), listing.Refused.Count, done.Error ?? "none");
        return null;
    }

    private Collection? Find(OperationId operation, string shard, string replica)
    {
        lock (_gate)
        {
            return _expected.GetValueOrDefault((operation.Value, shard, replica));
        }
    }

    private sealed class Collection(string backupPrefix, DateTimeOffset since)
    {
        private readonly Lock _gate = new();
        private readonly List<ConfigFileEntry> _files = [];
        private readonly List<RefusedConfigEntry> _refused = [];

        public string BackupPrefix { get; } = backupPrefix;

        public DateTimeOffset Since { get; } = since;

        public IReadOnlyList<ConfigFileEntry> Files
        {
            get
            {
                lock (_gate)
                {
                    return [.. _files];
                }
            }
        }

        public IReadOnlyList<RefusedConfigEntry> Refused
        {
            get
            {
                lock (_gate)
                {
                    return [.. _refused];
                }
            }
        }

        public void Stored(ConfigFileEntry entry)
        {
            lock (_gate)
            {
                _files.RemoveAll(f => f.Path == entry.Path);
                _files.Add(entry);
            }
        }

        public void Refuse(string path, string reason)
        {
            lock (_gate)
            {
                _refused.Add(new RefusedConfigEntry(path, reason));
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3021, Level = LogLevel.Information, Message = "config of {Operation} from {Shard}/{Replica}: {Files} file(s), {Bytes} bytes stored; {Refused} refused; error: {Error}")]
        public static partial void Stored(ILogger logger, string operation, string shard, string replica, int files, long bytes, int refused, string error);
    }
}
