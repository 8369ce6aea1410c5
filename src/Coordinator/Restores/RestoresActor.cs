using Akka.Actor;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Protocol;
using ClickVault.Cluster.Shared.Storage;
using Microsoft.Extensions.Logging;

namespace ClickVault.Cluster.Coordinator.Restores;

/// <summary>
/// The restores of one cluster: at most one active (a <see cref="RestoreActor"/> child), the recent ones in memory; hands
/// out restore ids, routes agents' reports to the active restore, answers operators, and keeps <see cref="RestoreUsage"/>.
/// The active restore is journaled (<see cref="RestoreJournal"/>): written before it starts and on each change, cleared at
/// its end; one found at start-up was interrupted by a stop and is listed as such (<see cref="RestoreDecisions.OnInterrupted"/>).
/// Once the node's coordinated shutdown began the journal is frozen: a restore in flight then is listed after the restart
/// with the phases it had when the stop began, even if its replicas finish while the node leaves the cluster.
/// </summary>
public sealed partial class RestoresActor : ReceiveActor, IWithStash
{
    private const int RecentRestores = 20;
    private readonly RestoreServices _services;
    private readonly List<RestoreView> _recent = [];
    private readonly ILogger _log;
    private IActorRef? _active;
    private RestoreState? _activeState;
    private RestoreId? _last;
    private bool _frozen;

    public RestoresActor(RestoreServices services)
    {
        _services = services;
        _log = services.Loggers.CreateLogger<RestoresActor>();
        // Until the journal was read (a restore it names was interrupted), requests wait in the stash.
        ReceiveAsync<ReadJournal>(_ => ReadJournalAsync());
        ReceiveAny(_ => Stash.Stash());
    }

    public IStash Stash { get; set; } = null!;

    protected override void PreStart() => Self.Tell(new ReadJournal());

    private void Ready()
    {
        Receive<AllocateRestoreId>(_ => Sender.Tell(Allocate(), Self));
        ReceiveAsync<BeginRestore>(BeginAsync);
        Receive<RestoreAgentReported>(m => _active?.Forward(m));
        Receive<RestoreAgentJoined>(m => _active?.Forward(m));
        ReceiveAsync<RestoreSnapshot>(SnapshotAsync);
        ReceiveAsync<RestoreEnded>(EndedAsync);
        Receive<GetRestore>(m => Sender.Tell(new RestoreLookup(Views().FirstOrDefault(v => v.RestoreId == m.RestoreId)), Self));
        Receive<GetRestores>(_ => Sender.Tell(Views(), Self));
    }

    private RestoreId Allocate()
    {
        var id = RestoreId.From(_services.Time.GetUtcNow());
        id = _last is { } last ? id.After(last) : id;
        _last = id;
        return id;
    }

    private async Task ReadJournalAsync()
    {
        await ReadInterruptedAsync();
        Become(Ready);
        Stash.UnstashAll();
    }

    private async Task ReadInterruptedAsync()
    {
        RestoreState? interrupted;
        try
        {
            interrupted = await _services.Journal.ReadAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is ObjectStoreException or InvalidDataException)
        {
            Log.JournalUnreadable(_log, e.Message);
            return;
        }

        if (interrupted is null)
        {
            return;
        }

        var now = _services.Time.GetUtcNow();
        var ended = RestoreDecisions.OnInterrupted(interrupted, now).Aggregate(interrupted, (state, e) => state.Apply(e));
        _recent.Insert(0, RestoreViews.From(ended));
        _last = RestoreId.TryParse(ended.RestoreId, out var id) ? id : _last;
        Log.Interrupted(_log, ended.RestoreId, ended.Outcome);
        await ClearJournalAsync();
    }

    private bool Stopping => CoordinatedShutdown.Get(Context.System).ShutdownReason is not null;

    private async Task BeginAsync(BeginRestore begin)
    {
        if (Stopping)
        {
            Sender.Tell(new RestoreRejected("coordinator_stopping", $"restore {begin.Plan.RestoreId} not started: the coordinator is stopping"), Self);
            return;
        }

        if (_active is not null)
        {
            Sender.Tell(new RestoreRejected("restore_active", $"restore {_activeState?.RestoreId} is still running; one restore at a time"), Self);
            return;
        }

        try
        {
            await _services.Journal.WriteAsync(begin.Plan, CancellationToken.None);
        }
        catch (ObjectStoreException e)
        {
            Sender.Tell(new RestoreRejected("journal_unavailable", $"restore {begin.Plan.RestoreId} not started: its journal cannot be written: {e.Message}"), Self);
            return;
        }

        _activeState = begin.Plan;
        var services = _services;
        _active = Context.ActorOf(Props.Create(() => new RestoreActor(begin.Plan, services)), begin.Plan.RestoreId);
        _services.Usage.Track(begin.Plan);
        Sender.Tell(new RestoreAccepted(RestoreViews.From(begin.Plan)), Self);
    }

    private async Task SnapshotAsync(RestoreSnapshot snapshot)
    {
        if (!Sender.Equals(_active))
        {
            return;
        }

        var before = _activeState;
        _activeState = snapshot.Restore;
        if (Stopping)
        {
            FreezeJournal(snapshot.Restore.RestoreId);
            return;
        }

        if (before is not null && RestoreDecisions.SamePhases(before, snapshot.Restore))
        {
            // Progress only: the journal records phases (what may run where), not figures.
            return;
        }

        try
        {
            await _services.Journal.WriteAsync(snapshot.Restore, CancellationToken.None);
        }
        catch (ObjectStoreException e)
        {
            // The restore goes on; a stop now would list it with the last state the journal holds.
            Log.JournalWriteFailed(_log, snapshot.Restore.RestoreId, e.Message);
        }
    }

    private async Task EndedAsync(RestoreEnded ended)
    {
        _recent.Insert(0, RestoreViews.From(ended.Restore));
        if (_recent.Count > RecentRestores)
        {
            _recent.RemoveAt(_recent.Count - 1);
        }

        if (Sender.Equals(_active))
        {
            _active = null;
            _activeState = null;
            _services.Usage.Track(null);
            if (Stopping)
            {
                FreezeJournal(ended.Restore.RestoreId);
                return;
            }

            await ClearJournalAsync();
        }
    }

    private void FreezeJournal(string restoreId)
    {
        if (!_frozen)
        {
            _frozen = true;
            Log.JournalFrozen(_log, restoreId);
        }
    }

    private async Task ClearJournalAsync()
    {
        try
        {
            await _services.Journal.ClearAsync(CancellationToken.None);
        }
        catch (ObjectStoreException e)
        {
            Log.JournalWriteFailed(_log, "(clear)", e.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3141, Level = LogLevel.Warning, Message = "restore {RestoreId} was running when the coordinator stopped; listed as {Outcome}, its RESTORE operations are not resumed")]
        public static partial void Interrupted(ILogger logger, string restoreId, string outcome);

        [LoggerMessage(EventId = 3142, Level = LogLevel.Information, Message = "the coordinator is stopping: the journal of restore {RestoreId} keeps the phases it had when the stop began")]
        public static partial void JournalFrozen(ILogger logger, string restoreId);

        [LoggerMessage(EventId = 3143, Level = LogLevel.Warning, Message = "the restore journal is unreadable, ignored: {Reason}")]
        public static partial void JournalUnreadable(ILogger logger, string reason);

        [LoggerMessage(EventId = 3144, Level = LogLevel.Warning, Message = "cannot write the journal of restore {RestoreId}: {Reason}")]
        public static partial void JournalWriteFailed(ILogger logger, string restoreId, string reason);
    }

    private sealed record ReadJournal;

    private IReadOnlyList<RestoreView> Views() => _activeState is { } active ? [RestoreViews.From(active), .. _recent] : [.. _recent];
}
