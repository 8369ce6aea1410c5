using System.Diagnostics;
using ClickVault.Cluster.Agent.Backups;
using ClickVault.Cluster.Agent.Restores;
using ClickVault.Cluster.Shared.Protocol;
using Xunit;

namespace ClickVault.Cluster.Agent.Tests.Backups;

/// <summary>
/// What every <see cref="IBackupEngine"/> must do, run against the real engine on the embedded node and against the
/// in-memory twin, so the twin's semantics cannot drift from ClickHouse's.
/// </summary>
public abstract class BackupEngineContract
{
    private static readonly TimeSpan FinishWithin = TimeSpan.FromMinutes(2);

    protected abstract IBackupEngine Engine { get; }

    /// <summary>A database that exists and holds data.</summary>
    protected abstract string Database { get; }

    /// <summary>Lets some time pass for running operations (real: a short wait; twin: the fake clock moves).</summary>
    protected abstract Task LetTimePassAsync();

    /// <summary>False where KILL can lose against a backup that is about to finish (real ClickHouse).</summary>
    protected virtual bool KillAlwaysWins => true;

    /// <summary>How many BACKUPs the server ran with this id.</summary>
    protected abstract Task<int> CountStartedAsync(OperationId id);

    [Fact]
    public async Task A_started_backup_runs_then_succeeds_with_its_figures()
    {
        var id = NewId();

        await Engine.StartAsync(Command(id, Database), CancellationToken.None);
        var first = await Engine.FindAsync(id, CancellationToken.None);
        var done = await WaitUntilFinishedAsync(id);

        Assert.Contains(first.State, new[] { OperationState.Running, OperationState.Succeeded });
        Assert.Equal(id.Value, first.OperationId);
        Assert.Equal(OperationState.Succeeded, done.State);
        Assert.Equal(string.Empty, done.Error);
        Assert.True(done.NumFiles > 0, "a finished backup reports its files");
        Assert.True(done.UncompressedSize > 0, "a finished backup reports its size");
        Assert.NotNull(done.StartedAt);
        Assert.NotNull(done.FinishedAt);
        Assert.False(string.IsNullOrEmpty(done.QueryId));
    }

    [Fact]
    public async Task An_id_the_server_never_saw_is_unknown()
    {
        var id = NewId();

        var report = await Engine.FindAsync(id, CancellationToken.None);

        Assert.Equal(OperationsReportsUnknown(id), report);
    }

    [Fact]
    public async Task A_backup_of_a_missing_database_fails_with_clickhouses_text()
    {
        var id = NewId();
        var missing = "no_such_db_" + Guid.NewGuid().ToString("N")[..8];

        await Engine.StartAsync(Command(id, missing), CancellationToken.None);
        var done = await WaitUntilFinishedAsync(id);

        Assert.Equal(OperationState.Failed, done.State);
        Assert.Contains($"Database {missing} does not exist", done.Error, StringComparison.Ordinal);
        Assert.Contains("UNKNOWN_DATABASE", done.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Stack trace", done.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Starting_a_known_id_again_is_refused_and_the_first_operation_stands()
    {
        var id = NewId();
        await Engine.StartAsync(Command(id, Database), CancellationToken.None);

        var e = await Assert.ThrowsAsync<BackupRefusedException>(() => Engine.StartAsync(Command(id, Database), CancellationToken.None));
        var done = await WaitUntilFinishedAsync(id);

        Assert.Contains($"Cannot start backup with ID '{id}' because there is another backup with the same ID", e.Message, StringComparison.Ordinal);
        Assert.Equal(id, e.OperationId);
        Assert.Equal(OperationState.Succeeded, done.State);
        Assert.Equal(1, await CountStartedAsync(id));
    }

    [Fact]
    public async Task Cancelling_an_unknown_or_finished_operation_returns_false()
    {
        var id = NewId();
        Assert.False(await Engine.CancelAsync(id, CancellationToken.None));

        await Engine.StartAsync(Command(id, Database), CancellationToken.None);
        await WaitUntilFinishedAsync(id);

        Assert.False(await Engine.CancelAsync(id, CancellationToken.None));
        Assert.Equal(OperationState.Succeeded, (await Engine.FindAsync(id, CancellationToken.None)).State);
    }

    [Fact]
    public async Task Cancelling_a_running_operation_kills_it_unless_it_already_finished()
    {
        var id = NewId();
        await Engine.StartAsync(Command(id, Database), CancellationToken.None);

        var killed = await Engine.CancelAsync(id, CancellationToken.None);
        var done = await WaitUntilFinishedAsync(id);

        // ClickHouse's KILL does not always win against a backup that is about to finish: then it reports false.
        if (killed && (KillAlwaysWins || done.State != OperationState.Succeeded))
        {
            Assert.Equal(OperationState.Cancelled, done.State);
            Assert.Contains("QUERY_WAS_CANCELLED", done.Error, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(OperationState.Succeeded, done.State);
        }
    }

    [Fact]
    public async Task An_s3_destination_without_s3_settings_is_refused_before_anything_runs()
    {
        var id = NewId();
        var command = Command(id, Database) with { Destination = new DestinationSpec(DestinationKind.S3, $"agent-tests/{id}/") };

        var e = await Assert.ThrowsAsync<BackupRefusedException>(() => Engine.StartAsync(command, CancellationToken.None));

        Assert.Contains("this agent has no S3 settings (destination.s3_endpoint", e.Message, StringComparison.Ordinal);
        Assert.Equal(OperationState.Unknown, (await Engine.FindAsync(id, CancellationToken.None)).State);
    }

    [Fact]
    public async Task A_restore_of_a_created_backup_succeeds_under_its_own_id_which_cannot_start_twice()
    {
        var backup = NewId();
        await Engine.StartAsync(Command(backup, Database), CancellationToken.None);
        Assert.Equal(OperationState.Succeeded, (await WaitUntilFinishedAsync(backup)).State);
        var restore = new OperationId("restore-contract-" + Guid.NewGuid().ToString("N")[..12]);
        var copy = "contract_copy_" + Guid.NewGuid().ToString("N")[..8];
        var command = new RestoreCommand(restore, new RestoreSpec(Command(backup, Database).Destination, [Database], [], [], copy));
        try
        {
            await Engine.StartRestoreAsync(command, CancellationToken.None);
            var done = await WaitUntilFinishedAsync(restore);
            var again = await Assert.ThrowsAsync<BackupRefusedException>(() => Engine.StartRestoreAsync(command, CancellationToken.None));

            Assert.Equal((restore.Value, OperationState.Succeeded, string.Empty), (done.OperationId, done.State, done.Error));
            Assert.NotNull(done.FinishedAt);
            Assert.Contains($"Cannot start restore with ID '{restore}' because there is another restore with the same ID", again.Message, StringComparison.Ordinal);
        }
        finally
        {
            await DropDatabaseAsync(copy);
        }
    }

    [Fact]
    public async Task A_restore_from_where_no_backup_is_fails_with_clickhouses_text()
    {
        var restore = new OperationId("restore-contract-" + Guid.NewGuid().ToString("N")[..12]);
        var nowhere = new DestinationSpec(DestinationKind.Disk, $"agent-tests/nothing-{restore}/");

        await Engine.StartRestoreAsync(new RestoreCommand(restore, new RestoreSpec(nowhere, [Database], [], [], "never_created")), CancellationToken.None);
        var done = await WaitUntilFinishedAsync(restore);

        Assert.Equal(OperationState.Failed, done.State);
        Assert.Contains($"Backup Disk('backups', 'agent-tests/nothing-{restore}/') not found", done.Error, StringComparison.Ordinal);
        Assert.Contains("BACKUP_NOT_FOUND", done.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_known_id_is_found_elsewhere_only_when_it_writes_another_place()
    {
        var id = NewId();
        var command = Command(id, Database);
        await Engine.StartAsync(command, CancellationToken.None);
        await WaitUntilFinishedAsync(id);

        var same = await Engine.FindElsewhereAsync(id, command.Destination, CancellationToken.None);
        var other = await Engine.FindElsewhereAsync(id, new DestinationSpec(DestinationKind.Disk, $"other-prefix/{id}/"), CancellationToken.None);
        var unknown = await Engine.FindElsewhereAsync(NewId(), command.Destination, CancellationToken.None);

        Assert.Null(same);
        Assert.Equal($"Disk('backups', 'agent-tests/{id}/')", other);
        Assert.Null(unknown);
    }

    /// <summary>Removes a database a restore created (real engine: DROP DATABASE; twin: nothing to remove).</summary>
    protected virtual Task DropDatabaseAsync(string database) => Task.CompletedTask;

    protected static OperationId NewId() => new("agent-contract-" + Guid.NewGuid().ToString("N")[..12]);

    protected static BackupCommand Command(OperationId id, string database) =>
        new(id, [database], new DestinationSpec(DestinationKind.Disk, $"agent-tests/{id}/"), BaseBackup: null);

    private static OperationReport OperationsReportsUnknown(OperationId id) =>
        new(id.Value, OperationState.Unknown, string.Empty, string.Empty, 0, 0, 0, 0, 0, 0, 0, null, null);

    private async Task<OperationReport> WaitUntilFinishedAsync(OperationId id)
    {
        var elapsed = Stopwatch.StartNew();
        while (true)
        {
            var report = await Engine.FindAsync(id, CancellationToken.None);
            if (report.IsFinished)
            {
                return report;
            }

            Assert.True(elapsed.Elapsed < FinishWithin, $"operation {id} still {report.State} after {FinishWithin}");
            await LetTimePassAsync();
        }
    }
}
