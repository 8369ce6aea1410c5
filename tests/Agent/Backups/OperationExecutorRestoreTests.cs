using ClickVault.Cluster.Agent.Backups;
using ClickVault.Cluster.Agent.Configuration;
using ClickVault.Cluster.Agent.Tables;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Protocol;
using ClickVault.Cluster.Testing.Time;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace ClickVault.Cluster.Agent.Tests.Backups;

/// <summary>Restores and backed-up tables' evidence in the executor, on the in-memory twins and a fake clock.</summary>
public sealed class OperationExecutorRestoreTests : IAsyncLifetime
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private readonly TimerTrackingTimeProvider _time = new();
    private readonly InMemoryBackupEngine _engine;
    private readonly InMemoryLocalTables _tables = new();
    private readonly RecordingOutbox _outbox = new();
    private readonly OperationExecutor _executor;

    public OperationExecutorRestoreTests()
    {
        _engine = new InMemoryBackupEngine(_time, ["shop"], TimeSpan.FromSeconds(2));
        _executor = new OperationExecutor(_engine, _outbox, _time, new AgentOptions(), NullLogger<OperationExecutor>.Instance, _tables);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _executor.DisposeAsync();

    [Fact]
    public async Task A_backup_completion_carries_its_tables_figures_read_from_metadata_once_after_the_statement()
    {
        _tables.Set("shop", "orders", "MergeTree", 100);
        _tables.Set("shop", "v", "View", 0);

        await _executor.StartBackupAsync(Backup("b-1"), CancellationToken.None);
        await _outbox.NextAsync<OperationProgress>();
        _tables.Set("shop", "orders", "MergeTree", 104);
        var completed = await UntilAsync<BackupCompleted>();

        var orders = completed.Report.Tables![0];
        Assert.Equal(("orders", (ulong?)100, (ulong?)null, (ulong?)null), (orders.Table, orders.Rows, orders.Checksum, orders.RowsAfter));
        Assert.Equal([(100UL, true)], orders.Parts!.Select(p => (p.Rows, p.Active == true)));
        Assert.Equal(("v", "not measured: engine View holds no data of its own"), (completed.Report.Tables[1].Table, completed.Report.Tables[1].Note));
        Assert.Null(completed.Tables);

        // Reported again (same start after the end): the same figures, nothing read or started twice.
        await _executor.StartBackupAsync(Backup("b-1"), CancellationToken.None);
        Assert.Same(completed.Report.Tables, (await _outbox.NextAsync<BackupCompleted>()).Report.Tables);
        Assert.Single(_engine.Statements);
    }

    [Fact]
    public async Task A_backup_already_created_at_the_first_look_still_carries_its_tables_figures()
    {
        var engine = new InMemoryBackupEngine(_time, ["shop"], TimeSpan.Zero);
        await using var executor = new OperationExecutor(engine, _outbox, _time, new AgentOptions(), NullLogger<OperationExecutor>.Instance, _tables);
        _tables.Set("shop", "orders", "MergeTree", 100);

        await executor.StartBackupAsync(Backup("b-fast"), CancellationToken.None);

        var completed = await _outbox.NextAsync<BackupCompleted>();
        Assert.Equal(100UL, Assert.Single(completed.Report.Tables!).Rows);
    }

    [Fact]
    public async Task Only_the_newest_backups_keep_their_figures_so_reports_and_the_hello_stay_bounded()
    {
        var engine = new InMemoryBackupEngine(_time, ["shop"], TimeSpan.Zero);
        await using var executor = new OperationExecutor(engine, _outbox, _time, new AgentOptions(), NullLogger<OperationExecutor>.Instance, _tables);
        _tables.Set("shop", "orders", "MergeTree", 100);
        var ids = Enumerable.Range(1, OperationExecutor.KeptEvidence + 1).Select(i => $"b-kept-{i}").ToList();

        foreach (var id in ids)
        {
            await executor.StartBackupAsync(Backup(id), CancellationToken.None);
            Assert.NotNull((await _outbox.NextAsync<BackupCompleted>()).Report.Tables);
        }

        var hello = await executor.SnapshotAsync(CancellationToken.None);
        Assert.Equal(ids, hello.Select(r => r.OperationId));
        Assert.Null(hello[0].Tables);
        Assert.All(hello.Skip(1), r => Assert.NotNull(r.Tables));
    }

    [Fact]
    public async Task An_agent_that_restarted_during_a_backup_watches_it_when_asked_and_reports_it_with_its_figures()
    {
        _tables.Set("shop", "orders", "MergeTree", 100);
        await _executor.StartBackupAsync(Backup("b-3"), CancellationToken.None);
        await _outbox.NextAsync<OperationProgress>();
        await _executor.DisposeAsync();
        await using var restarted = new OperationExecutor(_engine, _outbox, _time, new AgentOptions { PollInterval = Poll }, NullLogger<OperationExecutor>.Instance, _tables);

        var status = await restarted.QueryAsync(new QueryOperations(["b-3"]) { Databases = ["shop"] }, CancellationToken.None);

        Assert.Equal(OperationState.Running, Assert.Single(status.Reports).State);
        var completed = await UntilAsync<BackupCompleted>();
        Assert.Equal(100UL, Assert.Single(completed.Report.Tables!).Rows);
        var asked = await restarted.QueryAsync(new QueryOperations(["b-3"]) { Databases = ["shop"] }, CancellationToken.None);
        Assert.Equal(100UL, Assert.Single(Assert.Single(asked.Reports).Tables!).Rows);
        Assert.Single(_engine.Statements);
    }

    [Fact]
    public async Task A_restore_of_a_created_backup_reports_progress_then_one_restore_completion_and_is_never_started_twice()
    {
        await _executor.StartBackupAsync(Backup("b-2"), CancellationToken.None);
        await UntilAsync<BackupCompleted>();
        var restore = Restore("restore-20261122T030000Z-1-r1", "b-2");

        await _executor.StartRestoreAsync(restore, CancellationToken.None);
        Assert.Equal(OperationState.Running, (await _outbox.NextAsync<OperationProgress>()).Report.State);
        await _executor.StartRestoreAsync(restore, CancellationToken.None);
        Assert.IsType<OperationProgress>(await _outbox.NextAsync());
        var completed = await UntilAsync<RestoreCompleted>();
        await _executor.WatcherOf(restore.OperationId);
        await _executor.StartRestoreAsync(restore, CancellationToken.None);

        Assert.Equal((restore.OperationId.Value, OperationState.Succeeded), (completed.Report.OperationId, completed.Report.State));
        Assert.IsType<RestoreCompleted>(await _outbox.NextAsync());
        Assert.Equal(2, _engine.Statements.Count);
        Assert.StartsWith("RESTORE DATABASE `shop` AS `shop_copy` FROM Disk('backups', 'c/shard-1/full/b-2/')", _engine.Statements[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_restore_from_a_backup_that_does_not_exist_ends_with_a_restore_failure()
    {
        var restore = Restore("restore-20261122T030000Z-2-r1", "never");

        await _executor.StartRestoreAsync(restore, CancellationToken.None);
        var failed = await UntilAsync<RestoreFailed>();

        Assert.Equal(OperationState.Failed, failed.Report.State);
        Assert.Contains("Backup Disk('backups', 'c/shard-1/full/never/') not found. (BACKUP_NOT_FOUND)", failed.Error, StringComparison.Ordinal);
    }

    private static StartBackup Backup(string id) => new(
        new OperationId(id), RunId.Parse("20261122T020000Z"), new ShardId("1"), ["shop"],
        new DestinationSpec(DestinationKind.Disk, $"c/shard-1/full/{id}/"), null, Poll);

    private static StartRestore Restore(string id, string backup) => new(
        new OperationId(id), new RestoreSpec(new DestinationSpec(DestinationKind.Disk, $"c/shard-1/full/{backup}/"), ["shop"], [], [], "shop_copy"), Poll);

    /// <summary>Lets the clock run one poll at a time until <typeparamref name="T"/> is posted.</summary>
    private async Task<T> UntilAsync<T>()
        where T : ProtocolMessage
    {
        foreach (var early in _outbox.Unread())
        {
            if (early is T found)
            {
                return found;
            }
        }

        while (true)
        {
            await _time.WaitForActiveTimersAsync(1, CancellationToken.None);
            _time.Advance(Poll);
            if (await _outbox.NextAsync() is T message)
            {
                return message;
            }
        }
    }
}
