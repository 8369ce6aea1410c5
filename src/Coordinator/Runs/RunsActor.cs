using System.Runtime.CompilerServices;
using Akka.Actor;
using ClickVault.Cluster.Coordinator.Membership;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Layout;
using Microsoft.Extensions.Logging;

namespace ClickVault.Cluster.Coordinator.Runs;

/// <summary>
/// The runs of one cluster: at most one active run (a <see cref="RunActor"/> child), resumed from the journal after
/// a restart; routes agents' reports to it and answers operators' questions about runs.
/// </summary>
public sealed partial class RunsActor : ReceiveActor, IWithTimers, IWithStash
{
    private const int RecentRuns = 20;
    private readonly RunServices _services;
    private readonly IActorRef _region;
    private readonly ILogger _log;
    private readonly string _cluster;
    private readonly List<RunView> _recent = [];
    private static readonly TimeSpan LoadRetry = TimeSpan.FromSeconds(5);
    private IActorRef? _active;
    private RunView? _activeView;
    private StrongBox<RunState>? _latest;
    private RunId? _lastRun;
    private string? _notReady = "the coordinator has not read its journal yet";
    private bool _firstLoadDone;

    public RunsActor(string cluster, IActorRef region, RunServices services)
    {
        _cluster = cluster;
        _region = region;
        _services = services;
        _log = services.Loggers.CreateLogger<RunsActor>();
        Receive<StartRun>(Start);
        Receive<AgentReported>(m => _active?.Forward(m));
        Receive<AgentBackupFailed>(m => _active?.Forward(m));
        Receive<AgentJoined>(m => _active?.Forward(m));
        ReceiveAsync<GetRun>(GetRunAsync);
        ReceiveAsync<CancelRun>(CancelAsync);
        Receive<GetRuns>(GetRuns);
        Receive<RunEnded>(Ended);
        Receive<RunSnapshot>(m => _activeView = Sender.Equals(_active) ? RunViews.From(m.Run) : _activeView);
        ReceiveAsync<LoadJournal>(_ => LoadAsync());
        Receive<Terminated>(OnTerminated);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public IStash Stash { get; set; } = null!;

    /// <summary>A run actor that fails is stopped and spawned again by <see cref="OnTerminated"/>, resuming from its latest state.</summary>
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Stop);

    protected override void PreStart() => Self.Tell(new LoadJournal());

    /// <summary>Reads recent manifests and resumes an open run; until that succeeded no run may start (it could overlap the open one).</summary>
    private async Task LoadAsync()
    {
        try
        {
            var manifests = await _services.Catalog.ListRunManifestsAsync(RecentRuns, CancellationToken.None);
            _recent.Clear();
            _recent.AddRange(manifests.Select(RunViews.From));
            _lastRun = _recent.Count > 0 ? RunId.Parse(_recent[0].RunId) : null;
            if (await _services.Journal.ReadActiveAsync(CancellationToken.None) is { } open)
            {
                Log.Resuming(_log, open.RunId, open.Shards.Count(s => !s.IsTerminal));
                _active = Spawn(open, resumed: true);
                _activeView = RunViews.From(open);
                _lastRun = RunId.Parse(open.RunId);
            }
            _notReady = null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _notReady = $"the coordinator cannot read its journal and catalog in S3 yet ({e.Message}); retrying every {LoadRetry.TotalSeconds} s";
            Log.LoadFailed(_log, e.Message);
            Timers.StartSingleTimer(nameof(LoadJournal), new LoadJournal(), LoadRetry);
        }
        if (!_firstLoadDone)
        {
            _firstLoadDone = true;
            Stash.UnstashAll();
        }
    }

    private void Start(StartRun request)
    {
        if (!_firstLoadDone)
        {
            // Came in before the first read of the journal: answered once it is read (or has failed), not refused.
            Stash.Stash();
            return;
        }
        if (_notReady is not null)
        {
            Sender.Tell(new RunRejected("not_ready", _notReady), Self);
            return;
        }
        if (_active is not null)
        {
            Sender.Tell(new RunRejected("run_active", $"a run of cluster {_cluster} is already active ({_active.Path.Name[4..]}); one run at a time"), Self);
            return;
        }
        var known = _services.Registry.KnownShards();
        if (known.Count == 0)
        {
            Sender.Tell(new RunRejected("no_agents", "no agent is connected, so the cluster's shards are unknown; start the agents first"), Self);
            return;
        }
        var unknown = request.Shards.Where(s => !known.Contains(s)).ToList();
        if (unknown.Count > 0)
        {
            Sender.Tell(new RunRejected("invalid_request",
                $"shard(s) {string.Join(", ", unknown)} not in cluster {_cluster} (known shards: {string.Join(", ", known)})"), Self);
            return;
        }
        var now = _services.Time.GetUtcNow();
        var run = RunId.From(now);
        if (_lastRun is { } last && run.CompareTo(last) <= 0)
        {
            run = RunId.From(last.StartedAt.AddSeconds(1));
        }
        _lastRun = run;
        var shards = request.Shards.Count > 0 ? request.Shards : known;
        var state = new RunState(run.Value, _cluster, request.Trigger, request.Full, _services.Backup.Databases, now, null,
            [.. shards.Select(s => ShardState.Pending(s, ""))]);
        _active = Spawn(state, resumed: false);
        _activeView = RunViews.From(state);
        Sender.Tell(new RunAccepted(RunViews.From(state)), Self);
    }

    private IActorRef Spawn(RunState state, bool resumed)
    {
        _latest = new StrongBox<RunState>(state);
        return Spawn(_latest, resumed);
    }

    private IActorRef Spawn(StrongBox<RunState> latest, bool resumed)
    {
        var (region, services) = (_region, _services);
        return Context.Watch(Context.ActorOf(Props.Create(() => new RunActor(latest, resumed, region, services)), "run-" + latest.Value!.RunId));
    }

    /// <summary>The active run's actor failed (it never stops otherwise before <see cref="RunEnded"/>): it continues from its last state, as a resume.</summary>
    private void OnTerminated(Terminated terminated)
    {
        if (terminated.ActorRef.Equals(_active) && _latest is { } latest)
        {
            Log.RunRestarted(_log, latest.Value!.RunId);
            _active = Spawn(latest, resumed: true);
        }
    }

    private async Task GetRunAsync(GetRun request)
    {
        var replyTo = Sender;
        replyTo.Tell(new RunLookup(await FindAsync(request.RunId)), Self);
    }

    /// <summary>The active run, a recent one, or one from its manifest; "latest" is the active run, else the newest.</summary>
    private async Task<RunView?> FindAsync(string runId)
    {
        var active = _activeView;
        var wanted = runId == "latest" ? active ?? _recent.FirstOrDefault()
            : active?.RunId == runId ? active
            : _recent.FirstOrDefault(r => r.RunId == runId);
        if (wanted is null && RunId.TryParse(runId, out var id)
            && await _services.Catalog.ReadRunManifestAsync(id, CancellationToken.None) is { } manifest)
        {
            wanted = RunViews.From(manifest);
        }
        return wanted;
    }

    /// <summary>Forwards a cancel to the active run (it replies); a finished or unknown run is refused here.</summary>
    private async Task CancelAsync(CancelRun request)
    {
        if (_active is { } active && _activeView is { } view && (request.RunId == "latest" || request.RunId == view.RunId))
        {
            active.Forward(request);
            return;
        }
        var replyTo = Sender;
        var run = await FindAsync(request.RunId);
        replyTo.Tell(run is null
            ? new RunCancelRejected("not_found", $"no run '{request.RunId}'")
            : new RunCancelRejected("run_not_active", $"run {run.RunId} is not active: it finished {run.State}"), Self);
    }

    private void GetRuns(GetRuns request) => Sender.Tell(new RunsOverview(_activeView, [.. _recent.Take(request.Limit)]), Self);

    private void Ended(RunEnded ended)
    {
        _recent.Insert(0, RunViews.From(ended.Run));
        if (_recent.Count > RecentRuns)
        {
            _recent.RemoveAt(_recent.Count - 1);
        }
        if (Sender.Equals(_active))
        {
            _active = null;
            _activeView = null;
        }
        Sender.Tell(PoisonPill.Instance, Self);
    }

    private sealed record LoadJournal;

    private static partial class Log
    {
        [LoggerMessage(EventId = 3221, Level = LogLevel.Error, Message = "reading the journal and catalog from S3 failed, will retry: {Reason}")]
        public static partial void LoadFailed(ILogger logger, string reason);

        [LoggerMessage(EventId = 3222, Level = LogLevel.Warning, Message = "resuming run {RunId} from the journal: {Open} shard(s) not finished")]
        public static partial void Resuming(ILogger logger, string runId, int open);

        [LoggerMessage(EventId = 3223, Level = LogLevel.Error, Message = "the actor of run {RunId} failed; it continues from its last journaled state, as after a restart")]
        public static partial void RunRestarted(ILogger logger, string runId);
    }
}
