using ClickVault.Cluster.Shared.Actors;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Protocol;

namespace ClickVault.Cluster.Coordinator.Restores;

/// <summary>
/// The restores of one cluster: at most one active (a <see cref="RestoreActor"/> child), the recent ones in memory; hands
/// out restore ids, routes agents' reports to the active restore, answers operators, and keeps <see cref="RestoreUsage"/>.
/// </summary>
public sealed class RestoresActor : Actor
{
    private const int RecentRestores = 20;
    private readonly RestoreServices _services;
    private readonly List<RestoreView> _recent = [];
    private ActorRef? _active;
    private RestoreState? _activeState;
    private RestoreId? _last;

    public RestoresActor(RestoreServices services)
    {
        _services = services;
        Receive<AllocateRestoreId>(_ => Sender.Tell(Allocate(), Self));
        Receive<BeginRestore>(Begin);
        Receive<RestoreAgentReported>(m => _active?.Tell(m, Sender));
        Receive<RestoreAgentJoined>(m => _active?.Tell(m, Sender));
        Receive<RestoreSnapshot>(m => _activeState = Sender == _active ? m.Restore : _activeState);
        Receive<RestoreEnded>(Ended);
        Receive<GetRestore>(m => Sender.Tell(new RestoreLookup(Views().FirstOrDefault(v => v.RestoreId == m.RestoreId)), Self));
        Receive<GetRestores>(_ => Sender.Tell(Views(), Self));
    }

    private RestoreId Allocate()
    {
        var id = RestoreId.From(Context.System.TimeProvider.GetUtcNow());
        id = _last is { } last ? id.After(last) : id;
        _last = id;
        return id;
    }

    private void Begin(BeginRestore begin)
    {
        if (_active is not null)
        {
            Sender.Tell(new RestoreRejected("restore_active", $"restore {_activeState?.RestoreId} is still running; one restore at a time"), Self);
            return;
        }

        _activeState = begin.Plan;
        _active = Context.Spawn(() => new RestoreActor(begin.Plan, _services), begin.Plan.RestoreId);
        _services.Usage.Track(begin.Plan);
        Sender.Tell(new RestoreAccepted(RestoreViews.From(begin.Plan)), Self);
    }

    private void Ended(RestoreEnded ended)
    {
        _recent.Insert(0, RestoreViews.From(ended.Restore));
        if (_recent.Count > RecentRestores)
        {
            _recent.RemoveAt(_recent.Count - 1);
        }

        if (_active == Sender)
        {
            _active = null;
            _activeState = null;
            _services.Usage.Track(null);
        }
    }

    private IReadOnlyList<RestoreView> Views() => _activeState is { } active ? [RestoreViews.From(active), .. _recent] : [.. _recent];
}
