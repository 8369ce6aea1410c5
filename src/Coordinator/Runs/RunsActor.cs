using System.Globalization;
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
    private static readonly TimeSpan ChildAskTimeout = TimeSpan.FromSeconds(10);
    private readonly RunServices _services;
    private readonly ActorRef _region;
    private readonly string _cluster;
    private readonly List<RunView> _recent = [];
    private ActorRef? _active;
    private RunId? _lastRun;

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
        Receive<GetRuns>(GetRunsAsync);
        Receive<RunEnded>(Ended);
    }

    protected override async Task PreStartAsync()
    {
        var manifests = await _services.Catalog.ListRunManifestsAsync(RecentRuns, CancellationToken.None).ConfigureAwait(false);
        _recent.AddRange(manifests.Select(RunViews.From));
        _lastRun = _recent.Count > 0 ? RunId.Parse(_recent[0].RunId) : null;
        if (await _services.Journal.ReadActiveAsync(CancellationToken.None).ConfigureAwait(false) is { } open)
        {
            Log.Resuming(Context.Log, open.RunId, open.Shards.Count(s => !s.IsTerminal));
            _active = Spawn(open, resumed: true);
            _lastRun = RunId.Parse(open.RunId);
        }
    }

    private void Start(StartRun request)
    {
        if (_active is not null)
        {
            Sender.Tell(new RunRejected("run_active", $"a run of cluster {_cluster} is already active ({_active.Name[4..]}); one run at a time"), Self);
            return;
        }
        var known = KnownShards();
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
        Sender.Tell(new RunAccepted(RunViews.From(state)), Self);
    }

    private ActorRef Spawn(RunState state, bool resumed) =>
        Context.Spawn(() => new RunActor(state, resumed, _region, _services), "run-" + state.RunId);

    /// <summary>Shards by their macro id; a shard that system.clusters lists but no agent serves is named by its shard_num.</summary>
    private List<string> KnownShards()
    {
        var fromAgents = _services.Registry.Members().Select(m => m.Identity.Shard);
        var fromTopology = _services.Registry.Topology().Select(t => t.Shard ?? t.ShardNum.ToString(CultureInfo.InvariantCulture));
        return [.. fromAgents.Concat(fromTopology).Distinct(StringComparer.Ordinal).OrderBy(s => s.Length).ThenBy(s => s, StringComparer.Ordinal)];
    }

    private async Task GetRunAsync(GetRun request)
    {
        var active = await ActiveViewAsync().ConfigureAwait(false);
        var wanted = request.RunId == "latest" ? active ?? _recent.FirstOrDefault()
            : active?.RunId == request.RunId ? active
            : _recent.FirstOrDefault(r => r.RunId == request.RunId);
        if (wanted is null && RunId.TryParse(request.RunId, out var id)
            && await _services.Catalog.ReadRunManifestAsync(id, CancellationToken.None).ConfigureAwait(false) is { } manifest)
        {
            wanted = RunViews.From(manifest);
        }
        Sender.Tell(new RunLookup(wanted), Self);
    }

    private async Task GetRunsAsync(GetRuns request) =>
        Sender.Tell(new RunsOverview(await ActiveViewAsync().ConfigureAwait(false), [.. _recent.Take(request.Limit)]), Self);

    private async Task<RunView?> ActiveViewAsync()
    {
        if (_active is null)
        {
            return null;
        }
        try
        {
            return (await _active.Ask<RunLookup>(new GetRun("active"), ChildAskTimeout).ConfigureAwait(false)).Run;
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }

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
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "resuming run {RunId} from the journal: {Open} shard(s) not finished")]
        public static partial void Resuming(ILogger logger, string runId, int open);
    }
}
