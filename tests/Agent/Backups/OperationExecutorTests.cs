using ClickVault.Cluster.Agent.Backups;
using ClickVault.Cluster.Agent.Configuration;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Protocol;
using ClickVault.Cluster.Testing.Time;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace ClickVault.Cluster.Agent.Tests.Backups;

/// <summary>The executor's logic on the in-memory twin and a fake clock: every poll is one <see cref="TimerTrackingTimeProvider.Advance"/>.</summary>
public sealed class OperationExecutorTests : IAsyncLifetime
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(4);
    private readonly TimerTrackingTimeProvider _time = new();
    private readonly InMemoryBackupEngine _engine;
    private readonly RecordingOutbox _outbox = new();
    private readonly OperationExecutor _executor;

    public OperationExecutorTests()
    {
        _engine = new InMemoryBackupEngine(_time, ["shop"], Duration);
        _executor = new OperationExecutor(_engine, _outbox, _time, new AgentOptions { PollInterval = TimeSpan.FromSeconds(3) },
            NullLogger<OperationExecutor>.Instance);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _executor.DisposeAsync();

    [Fact]
    public async Task A_backup_reports_progress_when_figures_change_then_exactly_one_completion()
    {
        var start = Start("op-1");

        await _executor.StartBackupAsync(start, CancellationToken.None);
        var messages = new List<ProtocolMessage> { await _outbox.NextAsync() };
        while (messages[^1] is OperationProgress)
        {
            messages.Add(await TickAsync());
        }

        await _executor.WatcherOf(start.OperationId);
        Assert.Equal(5, messages.Count);
        var progress = messages.SkipLast(1).Cast<OperationProgress>().Select(p => p.Report.NumFiles).ToList();
        Assert.Equal([0UL, 10UL, 20UL, 30UL], progress);
        var completed = Assert.IsType<BackupCompleted>(messages[^1]);
        Assert.Equal(OperationState.Succeeded, completed.Report.State);
        Assert.Equal(InMemoryBackupEngine.FilesPerBackup, completed.Report.NumFiles);
        Assert.Equal(0, _time.ActiveTimerCount);
        Assert.Empty(_outbox.Unread());
    }

    [Fact]
    public async Task An_unchanged_report_is_not_sent_again()
    {
        var slow = new InMemoryBackupEngine(_time, ["shop"], TimeSpan.FromDays(1000));
        await using var executor = new OperationExecutor(slow, _outbox, _time, new AgentOptions(), NullLogger<OperationExecutor>.Instance);
        var start = Start("op-slow") with { PollInterval = TimeSpan.FromMilliseconds(1) };

        await executor.StartBackupAsync(start, CancellationToken.None);
        await _outbox.NextAsync<OperationProgress>();
        for (var i = 0; i < 5; i++)
        {
            await _time.WaitForActiveTimersAsync(1, CancellationToken.None);
            _time.Advance(TimeSpan.FromMilliseconds(1));
        }

        await _time.WaitForActiveTimersAsync(1, CancellationToken.None);
        Assert.Empty(_outbox.Unread());
    }

    [Fact]
    public async Task The_same_start_while_running_or_after_the_end_is_reported_and_never_starts_a_second_backup()
    {
        var start = Start("op-2");
        await _executor.StartBackupAsync(start, CancellationToken.None);
        await _outbox.NextAsync<OperationProgress>();

        await _executor.StartBackupAsync(start, CancellationToken.None);
        var whileRunning = await _outbox.NextAsync<OperationProgress>();
        while (await TickAsync() is OperationProgress)
        {
        }

        await _executor.StartBackupAsync(start, CancellationToken.None);
        var afterEnd = await _outbox.NextAsync<BackupCompleted>();

        Assert.Equal(OperationState.Running, whileRunning.Report.State);
        Assert.Equal(OperationState.Succeeded, afterEnd.Report.State);
        Assert.Single(_engine.Statements);
        Assert.Equal(0, _time.ActiveTimerCount);
    }

    [Fact]
    public async Task An_id_the_server_already_runs_is_watched_not_started()
    {
        var start = Start("op-3");
        await _engine.StartAsync(BackupCommand.From(start), CancellationToken.None);

        await _executor.StartBackupAsync(start, CancellationToken.None);

        Assert.Equal(OperationState.Running, (await _outbox.NextAsync<OperationProgress>()).Report.State);
        while (await TickAsync() is OperationProgress)
        {
        }

        Assert.Single(_engine.Statements);
    }

    [Fact]
    public async Task An_id_the_server_used_for_another_destination_is_refused_not_reported_as_this_backup()
    {
        var theirs = Start("op-taken") with { Destination = new DestinationSpec(DestinationKind.Disk, "other-coordinator/shard-1/full/op-taken/") };
        await _engine.StartAsync(BackupCommand.From(theirs), CancellationToken.None);

        await _executor.StartBackupAsync(Start("op-taken"), CancellationToken.None);

        var failed = await _outbox.NextAsync<BackupFailed>();
        Assert.Equal(OperationState.Failed, failed.Report.State);
        Assert.Equal(
            "backup op-taken not started: this server already has an operation with id op-taken on Disk('backups', 'other-coordinator/shard-1/full/op-taken/'), " +
            "not on c/shard-1/full/op-taken/ (another coordinator or storage prefix used the same id); it is not reported as this backup",
            failed.Report.Error);
        Assert.Single(_engine.Statements);

        // Asked about or cancelled under that id, the agent answers with its refusal and never kills the other operation.
        var status = await _executor.QueryAsync(new QueryOperations(["op-taken"]), CancellationToken.None);
        await _executor.CancelAsync(new CancelOperation(new OperationId("op-taken")), CancellationToken.None);
        Assert.Equal([failed.Report], status.Reports);
        Assert.Equal([failed.Report], (await _outbox.NextAsync<OperationStatus>()).Reports);
        Assert.Equal(OperationState.Running, (await _engine.FindAsync(new OperationId("op-taken"), CancellationToken.None)).State);
    }

    [Fact]
    public async Task A_failing_backup_reports_clickhouses_text_once()
    {
        var start = Start("op-4") with { Databases = ["missing_db"] };

        await _executor.StartBackupAsync(start, CancellationToken.None);
        var failed = await _outbox.NextAsync<BackupFailed>();

        Assert.Equal(OperationState.Failed, failed.Report.State);
        Assert.Equal("Code: 81. DB::Exception: Database missing_db does not exist. (UNKNOWN_DATABASE)", failed.Error);
        Assert.Equal(failed.Error, failed.Report.Error);
        Assert.Equal(0, _time.ActiveTimerCount);
        Assert.Empty(_outbox.Unread());
    }

    [Fact]
    public async Task A_statement_clickhouse_refuses_is_a_failure_with_its_text_and_may_be_retried()
    {
        const string refusal = "Code: 62. DB::Exception: Syntax error: failed at position 1. (SYNTAX_ERROR)";
        _engine.RefuseNextStart(refusal);
        var start = Start("op-5");

        await _executor.StartBackupAsync(start, CancellationToken.None);
        var failed = await _outbox.NextAsync<BackupFailed>();
        await _executor.StartBackupAsync(start, CancellationToken.None);
        var retried = await _outbox.NextAsync<OperationProgress>();

        Assert.Equal(refusal, failed.Error);
        Assert.Equal(OperationState.Failed, failed.Report.State);
        Assert.Equal(OperationState.Running, retried.Report.State);
        Assert.Single(_engine.Statements);
    }

    [Fact]
    public async Task Without_clickhouse_nothing_starts_and_the_failure_says_why()
    {
        _engine.Unreachable = true;

        await _executor.StartBackupAsync(Start("op-6"), CancellationToken.None);
        var failed = await _outbox.NextAsync<BackupFailed>();

        Assert.StartsWith("backup op-6 not started: the local ClickHouse cannot be asked about it: ClickHouse at", failed.Error, StringComparison.Ordinal);
        Assert.Empty(_engine.Statements);
    }

    [Fact]
    public async Task Polling_survives_clickhouse_being_briefly_unreachable()
    {
        var start = Start("op-7");
        await _executor.StartBackupAsync(start, CancellationToken.None);
        await _outbox.NextAsync<OperationProgress>();

        _engine.Unreachable = true;
        await _time.WaitForActiveTimersAsync(1, CancellationToken.None);
        _time.Advance(Poll);
        await _time.WaitForActiveTimersAsync(1, CancellationToken.None);
        Assert.Empty(_outbox.Unread());
        _engine.Unreachable = false;

        Assert.Equal(20UL, (await TickAsync() is OperationProgress p ? p : throw new Xunit.Sdk.XunitException("progress expected")).Report.NumFiles);
    }

    [Fact]
    public async Task An_operation_the_server_forgets_while_running_is_reported_failed_after_several_polls()
    {
        var start = Start("op-8");
        await _executor.StartBackupAsync(start, CancellationToken.None);
        await _outbox.NextAsync<OperationProgress>();

        _engine.Restart();
        for (var i = 1; i < WatchDecisions.LostAfterPolls; i++)
        {
            await _time.WaitForActiveTimersAsync(1, CancellationToken.None);
            _time.Advance(Poll);
        }

        var failed = Assert.IsType<BackupFailed>(await TickAsync());
        Assert.Contains("has no record of operation op-8 any more", failed.Error, StringComparison.Ordinal);
        Assert.Equal(OperationState.Failed, failed.Report.State);

        await _executor.StartBackupAsync(start, CancellationToken.None);
        Assert.IsType<BackupFailed>(await _outbox.NextAsync());
        Assert.Single(_engine.Statements);
    }

    [Fact]
    public async Task The_hello_snapshot_lists_every_handled_operation_with_its_current_report()
    {
        var done = Start("op-done");
        await _executor.StartBackupAsync(done, CancellationToken.None);
        await _outbox.NextAsync<OperationProgress>();
        while (await TickAsync() is not BackupCompleted)
        {
        }

        _engine.RefuseNextStart("Code: 36. DB::Exception: refused. (BAD_ARGUMENTS)");
        await _executor.StartBackupAsync(Start("op-refused"), CancellationToken.None);
        await _executor.StartBackupAsync(Start("op-running"), CancellationToken.None);
        // The server restarts: it forgets op-done, and op-running is found running again (started anew there).
        _engine.Restart();
        await _engine.StartAsync(BackupCommand.From(Start("op-running")), CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(500));

        var snapshot = await _executor.SnapshotAsync(CancellationToken.None);

        Assert.Equal(["op-done", "op-refused", "op-running"], snapshot.Select(r => r.OperationId));
        Assert.Equal([OperationState.Succeeded, OperationState.Failed, OperationState.Running], snapshot.Select(r => r.State));
        Assert.Equal(5UL, snapshot[2].NumFiles);
    }

    [Fact]
    public async Task Cancel_kills_reports_at_once_and_the_watcher_reports_the_end_once()
    {
        var start = Start("op-9");
        await _executor.StartBackupAsync(start, CancellationToken.None);
        await _outbox.NextAsync<OperationProgress>();

        await _executor.CancelAsync(new CancelOperation(start.OperationId), CancellationToken.None);
        var status = await _outbox.NextAsync<OperationStatus>();
        var failed = Assert.IsType<BackupFailed>(await TickAsync());

        Assert.Equal(OperationState.Cancelled, Assert.Single(status.Reports).State);
        Assert.Equal(OperationState.Cancelled, failed.Report.State);
        Assert.Contains("QUERY_WAS_CANCELLED", failed.Error, StringComparison.Ordinal);
        await _executor.WatcherOf(start.OperationId);
        Assert.Empty(_outbox.Unread());
    }

    [Fact]
    public async Task Cancel_of_an_unknown_operation_reports_it_unknown()
    {
        await _executor.CancelAsync(new CancelOperation(new OperationId("nobody")), CancellationToken.None);

        var status = await _outbox.NextAsync<OperationStatus>();

        Assert.Equal(OperationState.Unknown, Assert.Single(status.Reports).State);
        Assert.Equal("nobody", status.Reports[0].OperationId);
    }

    [Fact]
    public async Task Query_answers_one_report_per_asked_id()
    {
        await _executor.StartBackupAsync(Start("op-10"), CancellationToken.None);
        await _engine.StartAsync(BackupCommand.From(Start("op-elsewhere")), CancellationToken.None);

        var status = await _executor.QueryAsync(new QueryOperations(["op-10", "op-elsewhere", "op-never", "bad id!"]), CancellationToken.None);

        Assert.Equal(["op-10", "op-elsewhere", "op-never", "bad id!"], status.Reports.Select(r => r.OperationId));
        Assert.Equal([OperationState.Running, OperationState.Running, OperationState.Unknown, OperationState.Unknown], status.Reports.Select(r => r.State));
        Assert.Contains("operation id 'bad id!' is invalid", status.Reports[3].Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 3000)]
    [InlineData(250, 250)]
    public async Task The_poll_interval_of_the_start_overrides_the_configured_one(int requestedMs, int expectedMs)
    {
        await _executor.StartBackupAsync(Start("op-11") with { PollInterval = TimeSpan.FromMilliseconds(requestedMs) }, CancellationToken.None);

        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromMilliseconds(expectedMs), _time.NextTimerDueAt);
    }

    private static StartBackup Start(string id) => new(
        new OperationId(id), RunId.Parse("20261122T020000Z"), new ShardId("1"), ["shop"],
        new DestinationSpec(DestinationKind.Disk, $"c/shard-1/full/{id}/"), null, Poll);

    private async Task<ProtocolMessage> TickAsync()
    {
        await _time.WaitForActiveTimersAsync(1, CancellationToken.None);
        _time.Advance(Poll);
        return await _outbox.NextAsync();
    }
}
