using System.Collections.Concurrent;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using ClickVault.Cluster.Agent.Backups;
using ClickVault.Cluster.Agent.Configuration;
using ClickVault.Cluster.Agent.Tables;
using ClickVault.Cluster.Shared.ClickHouse;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Protocol;
using ClickVault.Cluster.Testing.Embedded;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace ClickVault.Cluster.Agent.Tests.Backups;

/// <summary>
/// On the real engine, every statement the agent sends while backing up (full, then an unchanged incremental) is recorded:
/// only the BACKUP itself and metadata queries on system tables, never a query that reads the backed-up tables' data.
/// </summary>
[Collection(SingleNodeCollection.Name)]
public sealed partial class BackupReadsNoTableDataTests(SingleNodeFixture fixture)
{
    [Fact]
    public async Task A_full_and_an_unchanged_incremental_backup_issue_only_the_backup_and_metadata_queries()
    {
        var real = fixture.ClientFor(fixture.Node);
        await AgentTestDatabase.EnsureAsync(real, CancellationToken.None);
        var client = new RecordingClient(real);
        var outbox = new RecordingOutbox();
        var engine = new ClickHouseBackupEngine(client, new DestinationOptions { Disk = fixture.Cluster.BackupDisk }, TimeProvider.System,
            NullLogger<ClickHouseBackupEngine>.Instance);
        await using var executor = new OperationExecutor(engine, outbox, TimeProvider.System, new AgentOptions(), NullLogger<OperationExecutor>.Instance,
            new ClickHouseLocalTables(client));
        var tag = Guid.NewGuid().ToString("N")[..12];
        var full = new DestinationSpec(DestinationKind.Disk, $"agent-tests/no-scan-{tag}/full/", fixture.Cluster.BackupDisk);
        var incremental = new DestinationSpec(DestinationKind.Disk, $"agent-tests/no-scan-{tag}/incremental/", fixture.Cluster.BackupDisk);

        var first = await BackUpAsync(executor, outbox, new OperationId($"no-scan-full-{tag}"), full, null);
        var second = await BackUpAsync(executor, outbox, new OperationId($"no-scan-incr-{tag}"), incremental, full);

        Assert.All(new[] { first, second }, c => Assert.Equal(400_000UL, Assert.Single(c.Report.Tables!, t => t.Table == "events").Rows));
        Assert.Equal(2, client.Statements.Count(s => s.StartsWith("BACKUP ", StringComparison.Ordinal)));
        Assert.All(client.Statements.Where(s => !s.StartsWith("BACKUP ", StringComparison.Ordinal)), sql =>
        {
            Assert.DoesNotContain(AgentTestDatabase.Name, sql, StringComparison.Ordinal);
            Assert.All(FromClause().Matches(sql), m => Assert.StartsWith("system.", m.Groups[1].Value, StringComparison.Ordinal));
        });
    }

    private static async Task<BackupCompleted> BackUpAsync(
        OperationExecutor executor, RecordingOutbox outbox, OperationId id, DestinationSpec destination, DestinationSpec? baseBackup)
    {
        await executor.StartBackupAsync(new StartBackup(id, RunId.Parse("20261122T020000Z"), new ShardId("1"), [AgentTestDatabase.Name], destination,
            baseBackup, TimeSpan.FromMilliseconds(50)), CancellationToken.None);
        while (true)
        {
            switch (await outbox.NextAsync())
            {
                case BackupCompleted done when done.Report.OperationId == id.Value:
                    return done;
                case BackupFailed failed when failed.Report.OperationId == id.Value:
                    throw new InvalidOperationException(failed.Error);
            }
        }
    }

    [GeneratedRegex(@"\bFROM\s+([A-Za-z_`][\w.`]*)", RegexOptions.IgnoreCase)]
    private static partial Regex FromClause();

    private sealed class RecordingClient(IClickHouseClient inner) : IClickHouseClient
    {
        private readonly ConcurrentQueue<string> _statements = new();

        public IReadOnlyList<string> Statements => [.. _statements];

        public Task ExecuteAsync(ClickHouseQuery query, CancellationToken cancellationToken)
        {
            _statements.Enqueue(query.Sql);
            return inner.ExecuteAsync(query, cancellationToken);
        }

        public Task<IReadOnlyList<T>> QueryAsync<T>(ClickHouseQuery query, JsonTypeInfo<T> rowType, CancellationToken cancellationToken)
        {
            _statements.Enqueue(query.Sql);
            return inner.QueryAsync(query, rowType, cancellationToken);
        }
    }
}
