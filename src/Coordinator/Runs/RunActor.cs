using System.Runtime.CompilerServices;
using Akka.Actor;
using ClickVault.Cluster.Coordinator.Configs;
using ClickVault.Cluster.Coordinator.Configuration;
using ClickVault.Cluster.Coordinator.Membership;
using ClickVault.Cluster.Coordinator.Notifications;
using ClickVault.Cluster.Coordinator.Planning;
using ClickVault.Cluster.Coordinator.Shards;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Protocol;
using Microsoft.Extensions.Logging;

namespace ClickVault.Cluster.Coordinator.Runs;

/// <summary>What a run actor works with; one instance per coordinator.</summary>
public sealed record RunServices(
    AgentRegistry Registry,
    CatalogStore Catalog,
    RunJournal Journal,
    RunEventHub Events,
    BackupOptions Backup,
    PlanningPolicy Policy,
    NotificationDispatcher Notifications,
    RunEventArchive EventArchive,
    ConfigArchive Configs,
    IReadOnlyList<IRunFinishedListener>? Finished = null,
    CancellationToken Stopping = default)
{
    /// <summary>The clock of runs (plans, journal times, agent waits).</summary>
    public required TimeProvider Time { get; init; }

    public required ILoggerFactory Loggers { get; init; }
}

/// <summary>
/// One cluster run: plans every shard through its chain entity, dispatches one backup per shard to one replica,
/// folds agents' reports into <see cref="RunState"/> with the pure <see cref="RunDecisions"/>, journals every
/// change to S3 before acting on it, and at the end writes the manifest and tells its parent.
/// </summary>
public sealed partial class RunActor : ReceiveActor, IWithTimers
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromMinutes(2);
    private readonly RunServices _services;
    private readonly IActorRef _region;
    private readonly ILogger _log;
    private readonly bool _resumed;
    private readonly StrongBox<RunState> _state;

    /// <param name="state">
    /// The run's latest state, kept outside the instance: when a failure restarts this actor, the fresh instance
    /// continues from the last journaled state (as a resume: it asks agents, it never re-issues a dispatched backup).
    /// </param>
    public RunActor(StrongBox<RunState> state, bool resumed, IActorRef region, RunServices services)
    {
        _state = state;
        _resumed = resumed;
        _region = region;
        _services = services;
        _log = services.Loggers.CreateLogger<RunActor>();
        ReceiveAsync<BeginRun>(_ => BeginAsync());
        ReceiveAsync<AgentReported>(OnReportAsync);
        ReceiveAsync<ShardRecorded>(OnRecordedAsync);
        ReceiveAsync<AgentBackupFailed>(f => CommitReportAsync(RunDecisions.OnFailure(_run, f.Replica, f.Report, f.Error, Now), f.Report));
        ReceiveAsync<AgentJoined>(OnJoinedAsync);
        ReceiveAsync<CancelRun>(_ => CancelAsync());
        ReceiveAsync<RetryDispatch>(r => _run.Shard(r.Shard) is { Phase: ShardPhase.Planned, Kind: not null } s ? DispatchAllAsync([s]) : Task.CompletedTask);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    private DateTimeOffset Now => _services.Time.GetUtcNow();

    private RunState _run
    {
        get => _state.Value!;
        set => _state.Value = value;
    }

    private DateTimeOffset _startedAt;

    protected override void PreStart()
    {
        _startedAt = Now;
        Self.Tell(new BeginRun(0));
    }

    private async Task BeginAsync()
    {
        if (_run.IsFinished)
        {
            await FinalizeAsync();
            return;
        }
        if (!_resumed)
        {
            await _services.Journal.WriteAsync(_run, CancellationToken.None);
            Context.Parent.Tell(new RunSnapshot(_run), Self);
            Publish(null, "run.started", $"run {_run.RunId} started ({_run.Trigger}{(_run.FullRequested ? ", full" : "")}) for shards {string.Join(", ", _run.Shards.Select(s => s.Shard))}");
        }
        else
        {
            Publish(null, "run.resumed", $"run {_run.RunId} resumed after a coordinator restart");
        }
        // Dispatched before a restart: ask the agents. The others are planned, then dispatched, in one journal write each (a run
        // of many shards costs two writes, not two per shard).
        var dispatched = _run.Shards.Where(s => !s.IsTerminal && s.Phase != ShardPhase.Planned).ToList();
        await PlanAllAsync([.. _run.Shards.Where(s => !s.IsTerminal && s.Kind is null)]);
        await DispatchAllAsync([.. _run.Shards.Where(s => s is { Phase: ShardPhase.Planned, Kind: not null })]);
        foreach (var shard in dispatched)
        {
            await AskAgentAsync(shard);
        }
        if (_resumed)
        {
            // A cancel requested before the restart still holds; agents that are back are told again (KILL is idempotent).
            foreach (var shard in CancelDecisions.ToSignal(_run))
            {
                await SignalCancelAsync(shard);
            }
        }
        await CommitAndMaybeFinishAsync([]);
    }

    private async Task AskAgentAsync(ShardState shard)
    {
        if (await _services.Registry.SendAsync(shard.Shard, shard.Replica!, new QueryOperations([shard.OperationId!]) { Databases = _run.Databases }, CancellationToken.None))
        {
            Publish(shard.Shard, "shard.query", $"shard {shard.Shard}: asking replica {shard.Replica} about {shard.OperationId}");
        }
    }

    private async Task OnJoinedAsync(AgentJoined joined)
    {
        if (_run.Shards.FirstOrDefault(s => s.Shard == joined.Shard) is { Phase: ShardPhase.Planned, Kind: not null } waiting)
        {
            await DispatchAllAsync([waiting]);
        }
        foreach (var shard in _run.Shards.Where(s => !s.IsTerminal && s.Shard == joined.Shard && s.Replica == joined.Replica && s.Phase != ShardPhase.Planned))
        {
            await AskAgentAsync(shard);
        }
        foreach (var shard in CancelDecisions.ToSignal(_run).Where(s => s.Shard == joined.Shard && s.Replica == joined.Replica))
        {
            await SignalCancelAsync(shard);
        }
    }

    private async Task OnReportAsync(AgentReported reported)
    {
        var shard = _run.ByOperation(reported.Report.OperationId);
        if (reported.Report.State == OperationState.Unknown && shard is { IsTerminal: false } && shard.Replica == reported.Replica)
        {
            // The server has no record: the command never reached ClickHouse. The agent starts it only if ClickHouse
            // still does not know the id, so this cannot produce a second backup.
            Publish(shard.Shard, "shard.redispatch", $"shard {shard.Shard}: replica {shard.Replica} has no record of {shard.OperationId}; dispatching it");
            await SendStartAsync(shard);
            return;
        }
        if (shard is not null && _recording.Contains(shard.Shard))
        {
            // Its backup is being recorded: a later report of it (status answer, hello) changes nothing.
            return;
        }
        var events = RunDecisions.OnReport(_run, reported.Replica, reported.Report, Now, reported.Tables);
        if (events.OfType<ShardSucceeded>().FirstOrDefault() is { } succeeded)
        {
            StartRecording(succeeded, reported);
            return;
        }
        await CommitReportAsync(events, reported.Report);
    }

    private async Task CommitAsync(IReadOnlyList<RunJournalEvent> events)
    {
        if (events.Count == 0)
        {
            return;
        }
        foreach (var e in events)
        {
            _run = _run.Apply(e);
        }
        if (RunDecisions.Journaled(events))
        {
            await _services.Journal.WriteAsync(_run, CancellationToken.None);
        }
        Context.Parent.Tell(new RunSnapshot(_run), Self);
        foreach (var e in events)
        {
            var (shard, kind, message) = Describe(e);
            if (e is ShardFailed f)
            {
                Log.ShardFailed(_log, _run.RunId, f.Shard, f.Error);
            }
            if (kind is not null)
            {
                Publish(shard, kind, message);
            }
        }
    }

    private (string? Shard, string? Kind, string Message) Describe(RunJournalEvent e) => e switch
    {
        ShardPlanned p => (p.Shard, "shard.planned", $"shard {p.Shard}: {p.Kind}, {p.Reason}"),
        ShardDispatched d => (d.Shard, "shard.dispatched", $"shard {d.Shard}: {_run.Shard(d.Shard).Kind} backup {d.OperationId} dispatched to replica {d.Replica}{(d.ReplicaReason is { } why ? $" ({why})" : "")}"),
        ShardProgressed p => (p.Shard, "shard.progress", $"shard {p.Shard}: {p.Report.NumFiles} files, {p.Report.UncompressedSize} bytes written"),
        ShardSucceeded s => (s.Shard, "shard.succeeded", $"shard {s.Shard}: backup created, {s.Report.NumFiles} files, {s.Report.TotalSize} bytes"),
        ShardFailed f => (f.Shard, "shard.failed", $"shard {f.Shard}: {f.Error}"),
        ShardRetried r => (r.Shard, "shard.retried", $"shard {r.Shard}: {r.Error}; retrying on replica {r.Replica} as {r.OperationId}"),
        RunCancelRequested => (null, "run.cancel_requested", $"run {_run.RunId}: cancel requested by an operator"),
        _ => (null, null, ""),
    };

    private async Task CommitAndMaybeFinishAsync(IReadOnlyList<RunJournalEvent> events)
    {
        await CommitAsync(events);
        var finish = RunDecisions.MaybeFinish(_run, Now);
        if (finish.Count > 0)
        {
            await CommitAsync(finish);
            await FinalizeAsync();
        }
    }

    private async Task FinalizeAsync()
    {
        var manifest = RunViews.Manifest(_run);
        await _services.Catalog.WriteRunManifestAsync(manifest, CancellationToken.None);
        await _services.Journal.ClearAsync(CancellationToken.None);
        // One notification per cluster run; an undelivered one is logged and kept for status, never fails the run.
        await _services.Notifications.NotifyAsync(manifest, CancellationToken.None);
        await RunListenersAsync();
        Log.RunFinished(_log, _run.RunId, _run.Outcome);
        Publish(null, "run.finished", $"run {_run.RunId} {_run.Outcome}");
        await ArchiveEventsAsync();
        // The parent learns first, so whoever reacts to the completed event stream already sees the finished run.
        // The parent stops this actor (a PoisonPill behind whatever it already forwarded here, which is answered first).
        Context.Parent.Tell(new RunEnded(_run), Self);
        _services.Events.Complete(_run.RunId);
    }

    /// <summary>Keeps the run's events in S3 for <c>clickvault logs</c>; a failure is logged and never fails the run.</summary>
    private async Task ArchiveEventsAsync()
    {
        try
        {
            await _services.EventArchive.WriteAsync(RunId.Parse(_run.RunId), _services.Events.History(_run.RunId), CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.EventsNotArchived(_log, _run.RunId, e.Message);
        }
    }

    private async Task RunListenersAsync()
    {
        foreach (var listener in _services.Finished ?? [])
        {
            try
            {
                await listener.RunFinishedAsync(_run, CancellationToken.None);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.ListenerFailed(_log, _run.RunId, listener.GetType().Name, e.Message);
            }
        }
    }

    private void Publish(string? shard, string kind, string message) =>
        _services.Events.Publish(_run.RunId, shard, kind, message, shard is null ? null : RunViews.Shard(_run.Shard(shard)), Now);

    private sealed record RetryDispatch(string Shard);

    private static partial class Log
    {
        [LoggerMessage(EventId = 3201, Level = LogLevel.Warning, Message = "run {RunId} shard {Shard} failed: {Error}")]
        public static partial void ShardFailed(ILogger logger, string runId, string shard, string error);

        [LoggerMessage(EventId = 3202, Level = LogLevel.Error, Message = "run {RunId}: {Listener} failed after the run finished (the run's outcome stands): {Error}")]
        public static partial void ListenerFailed(ILogger logger, string runId, string listener, string error);

        [LoggerMessage(EventId = 3203, Level = LogLevel.Information, Message = "run {RunId} finished: {Outcome}")]
        public static partial void RunFinished(ILogger logger, string runId, string outcome);

        [LoggerMessage(EventId = 3204, Level = LogLevel.Warning, Message = "the events of run {RunId} could not be stored in S3 (clickvault logs will not show them after a restart): {Reason}")]
        public static partial void EventsNotArchived(ILogger logger, string runId, string reason);
    }
}
