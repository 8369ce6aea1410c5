using ClickVault.Cluster.Agent.Backups;
using ClickVault.Cluster.Agent.Configuration;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Protocol;
using ClickVault.Cluster.Testing.Time;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace ClickVault.Cluster.Agent.Tests.Backups;

/// <summary>A local ClickHouse that dies mid-backup, on the in-memory twin and a fake clock: the backup is reported failed, never waited on for ever.</summary>
public sealed class OperationExecutorUnreachableTests : IAsyncLifetime
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private readonly TimerTrackingTimeProvider _time = new();
    private readonly InMemoryBackupEngine _engine;
    private readonly RecordingOutbox _outbox = new();
    private readonly OperationExecutor _executor;

    public OperationExecutorUnreachableTests()
    {
        _engine = new InMemoryBackupEngine(_time, ["shop"], TimeSpan.FromHours(1));
        _executor = new OperationExecutor(_engine, _outbox, _time, new AgentOptions(), NullLogger<OperationExecutor>.Instance);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _executor.DisposeAsync();

    [Theory]
    [InlineData(3, 3)]
    [InlineData(null, 30)]
    public async Task Unreachable_for_the_timeout_from_the_first_failed_poll_the_backup_is_reported_failed_once(int? timeoutSeconds, int expectedSeconds)
    {
        var start = Start("op-dead") with { ClickHouseUnreachableTimeout = timeoutSeconds is { } s ? TimeSpan.FromSeconds(s) : null };
        await _executor.StartBackupAsync(start, CancellationToken.None);
        await _outbox.NextAsync<OperationProgress>();
        _engine.Unreachable = true;

        // The first failed poll starts the clock; each one after it is a poll further.
        for (var i = 0; i < expectedSeconds; i++)
        {
            await PollAsync();
            await ArmedAsync();
            Assert.Empty(_outbox.Unread());
        }

        await PollAsync();
        var failed = await _outbox.NextAsync<BackupFailed>();

        Assert.Equal((OperationState.Failed, true), (failed.Report.State, failed.Report.ServerLost));
        Assert.StartsWith($"the local ClickHouse has been unreachable for {expectedSeconds} s (every poll since ", failed.Error, StringComparison.Ordinal);
        Assert.Contains("the last: ClickHouse at http://in-memory/ is unreachable: Connection refused", failed.Error, StringComparison.Ordinal);
        await _executor.WatcherOf(start.OperationId);
        Assert.Equal(0, _time.ActiveTimerCount);
        Assert.Empty(_outbox.Unread());
    }

    [Fact]
    public async Task Back_before_the_timeout_without_the_operation_it_is_failed_at_the_next_poll_and_never_started_again()
    {
        var start = Start("op-restarted") with { ClickHouseUnreachableTimeout = TimeSpan.FromSeconds(30) };
        await _executor.StartBackupAsync(start, CancellationToken.None);
        await _outbox.NextAsync<OperationProgress>();
        _engine.Unreachable = true;
        await PollAsync();
        await ArmedAsync();
        _engine.Restart();
        _engine.Unreachable = false;

        await PollAsync();
        var failed = await _outbox.NextAsync<BackupFailed>();
        await _executor.StartBackupAsync(start, CancellationToken.None);

        Assert.True(failed.Report.ServerLost);
        Assert.Contains("is back without a record of operation op-restarted", failed.Error, StringComparison.Ordinal);
        Assert.Equal(failed.Report, (await _outbox.NextAsync<BackupFailed>()).Report);
        Assert.Single(_engine.Statements);
    }

    [Fact]
    public async Task A_server_that_dies_under_the_statement_is_watched_and_the_backup_ends_lost_not_refused_as_never_started()
    {
        var start = Start("op-died") with { ClickHouseUnreachableTimeout = TimeSpan.FromSeconds(2) };
        _engine.DieDuringNextStart();

        await _executor.StartBackupAsync(start, CancellationToken.None);
        Assert.Equal(OperationState.Running, (await _outbox.NextAsync<OperationProgress>()).Report.State);
        for (var i = 0; i < 3; i++)
        {
            await PollAsync();
        }

        var failed = await _outbox.NextAsync<BackupFailed>();
        Assert.True(failed.Report.ServerLost);
        Assert.StartsWith("the local ClickHouse has been unreachable for 2 s", failed.Error, StringComparison.Ordinal);
        Assert.Single(_engine.Statements);
    }

    [Fact]
    public async Task A_backup_the_server_fails_by_itself_is_not_marked_lost()
    {
        var start = Start("op-broken");
        await _executor.StartBackupAsync(start, CancellationToken.None);
        await _outbox.NextAsync<OperationProgress>();
        _engine.Fail(start.OperationId, "Code: 243. DB::Exception: not enough space. (NOT_ENOUGH_SPACE)");

        await PollAsync();

        Assert.False((await _outbox.NextAsync<BackupFailed>()).Report.ServerLost);
    }

    private static StartBackup Start(string id) => new(
        new OperationId(id), RunId.Parse("20261122T020000Z"), new ShardId("1"), ["shop"],
        new DestinationSpec(DestinationKind.Disk, $"c/shard-1/full/{id}/"), null, Poll);

    /// <summary>One poll: waits for the watch to be armed, then moves the clock to it.</summary>
    private async Task PollAsync()
    {
        await ArmedAsync();
        _time.Advance(Poll);
    }

    /// <summary>The watch waits for its next poll (so it has handled the one before).</summary>
    private async Task ArmedAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _time.WaitForActiveTimersAsync(1, timeout.Token);
    }
}
