using System.Runtime.CompilerServices;
using ClickVault.Cluster.Coordinator.Membership;
using ClickVault.Cluster.Shared.Actors;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Layout;
using Microsoft.Extensions.Logging;

namespace ClickVault.Cluster.Coordinator.Runs;

/// <summary>
/// The runs of one cluster: at most one active run (a <see cref="RunActor"/> child), resumed from the journal after
/// a restart; routes agents' reports to it and answers operators' questions about runs.
/// </summary>
public sealed partial class RunsActor : Actor
{
    private const int RecentRuns = 20;
    private readonly RunServices _services;
    private readonly ActorRef _region;
    private readonly string _cluster;
    private readonly List<RunView> _recent = [];
    private static readonly TimeSpan LoadRetry = TimeSpan.FromSeconds(5);
    private ActorRef? _active;
    private RunView? _activeView;
    private RunId? _lastRun;
    private string? _notReady = "the coordinator has not read its journal yet";

    public RunsActor(string cluster, ActorRef region, RunServices services)
    {
        _cluster = cluster;
        _region = region;
        _services = services;
        Receive<StartRun>(Start);
        Receive<AgentReported>(m => _active?.Tell(m, Sender));
        Receive<AgentBackupFailed>(m => _active?.Tell(m, Sender));
        Receive<AgentJoined>(m => _active?.Tell(m, Sender));
        Receive<GetRun>(GetRunAsync);
        Receive<CancelRun>(CancelAsync);
        Receive<GetRuns>(GetRuns);
        Receive<RunEnded>(Ended);
        Receive<RunSnapshot>(m => _activeView = Sender == _active ? RunViews.From(m.Run) : _activeView);
        Receive<LoadJournal>(_ => LoadAsync());
    }

    protected override Task PreStartAsync()
    {
        Self.Tell(new LoadJournal());
        return Task.CompletedTask;
    }

    /// <summary>Reads recent manifests and resumes an open run; until that succeeded no run may start (it could overlap the open one).</summary>
    private async Task LoadAsync()
    {
        try
        {
            var manifests = await _services.Catalog.ListRunManifestsAsync(RecentRuns, CancellationToken.None).ConfigureAwait(false);
            _recent.Clear();
            _recent.AddRange(manifests.Select(RunViews.From));
            _lastRun = _recent.Count > 0 ? RunId.Parse(_recent[0].RunId) : null;
            if (await _services.Journal.ReadActiveAsync(CancellationToken.None).ConfigureAwait(false) is { } open)
            {
                Log.Resuming(Context.Log, open.RunId, open.Shards.Count(s => !s.IsTerminal));
                _active = Spawn(open, resumed: true);
                _activeView = RunViews.From(open);
                _lastRun = RunId.Parse(open.RunId);
            }
            _notReady = null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _notReady = $"the coordinator cannot read its journal and catalog in S3 yet ({e.Message}); retrying every {LoadRetry.TotalSeconds} s";
            Log.LoadFailed(Context.Log, e.Message);
            Context.Timers.StartSingleTimer(nameof(LoadJournal), new LoadJournal(), LoadRetry);
        }
    }

    private void Start(StartRun request)
    {
        if (_notReady is not null)
        {
            Sender.Tell(new RunRejected("not_ready", _notReady), Self);
            return;
        }
        if (_active is not null)
        {
            Sender.Tell(new RunRejected("run_active", $"a run of cluster {_cluster} is already active ({_active.Name[4..]}); one run at a time"), Self);
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
        var now = Context.System.TimeProvider.GetUtcNow();
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

    private ActorRef Spawn(RunState state, bool resumed)
    {
        var latest = new StrongBox<RunState>(state);
        var incarnations = 0;
        // A restarted run actor (after a failure) always resumes from the latest state instead of starting over.
        return Context.Spawn(() => new RunActor(latest, resumed || ++incarnations > 1, _region, _services), "run-" + state.RunId);
    }

    private async Task GetRunAsync(GetRun request)
    {
        var replyTo = Sender;
        replyTo.Tell(new RunLookup(await FindAsync(request.RunId).ConfigureAwait(false)), Self);
    }

    /// <summary>The active run, a recent one, or one from its manifest; "latest" is the active run, else the newest.</summary>
    private async Task<RunView?> FindAsync(string runId)
    {
        var active = _activeView;
        var wanted = runId == "latest" ? active ?? _recent.FirstOrDefault()
            : active?.RunId == runId ? active
            : _recent.FirstOrDefault(r => r.RunId == runId);
        if (wanted is null && RunId.TryParse(runId, out var id)
            && await _services.Catalog.ReadRunManifestAsync(id, CancellationToken.None).ConfigureAwait(false) is { } manifest)
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
            active.Tell(request, Sender);
            return;
        }
        var replyTo = Sender;
        var run = await FindAsync(request.RunId).ConfigureAwait(false);
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
        if (_active == Sender)
        {
            _active = null;
            _activeView = null;
        }
    }

    private sealed record LoadJournal;

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Error, Message = "reading the journal and catalog from S3 failed, will retry: {Reason}")]
        public static partial void LoadFailed(ILogger logger, string reason);

        [LoggerMessage(Level = LogLevel.Warning, Message = "resuming run {RunId} from the journal: {Open} shard(s) not finished")]
        public static partial void Resuming(ILogger logger, string runId, int open);
    }
}
