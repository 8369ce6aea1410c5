using Akka.Actor;
using Akka.Cluster.Tools.Client;
using ClickVault.Cluster.Agent.Backups;
using ClickVault.Cluster.Agent.ConfigFiles;
using ClickVault.Cluster.Agent.Configuration;
using ClickVault.Cluster.Agent.Health;
using ClickVault.Cluster.Agent.Identity;
using ClickVault.Cluster.Agent.Restores;
using ClickVault.Cluster.Shared.Protocol;
using ClickVault.Cluster.Shared.Remoting;
using Microsoft.Extensions.Logging;

namespace ClickVault.Cluster.Agent.Link;

/// <summary>The parts of the agent the link hands the coordinator's commands to.</summary>
public sealed record AgentParts(
    IAgentIdentitySource Identity,
    OperationExecutor Executor,
    ConfigCollector Configs,
    AgentRequestHandler Requests,
    IClickHouseProbe Probe,
    AgentOptions Options,
    TimeProvider Time,
    ILogger Logger);

/// <summary>
/// The agent's link to the coordinator tier, over a ClusterClient (outbound only; it finds another node's receptionist
/// by itself when one goes away). State and its decisions are <see cref="AgentLinkState"/>; this actor does the I/O:
/// hellos with every operation's state, heartbeats, reports, and the coordinator's commands, run one at a time in the
/// order they came (a backup's config files reach the tier before any report of it) while other messages flow.
/// </summary>
public sealed partial class AgentLinkActor : ReceiveActor, IWithTimers, IWithUnboundedStash
{
    private readonly IActorRef _client;
    private readonly AgentParts _parts;
    private readonly CancellationTokenSource _lifetime = new();
    private AgentLinkState _state;
    private AgentIdentity? _identity;
    private bool _greeting;

    public AgentLinkActor(IActorRef client, AgentParts parts)
    {
        _client = client;
        _parts = parts;
        _state = AgentLinkState.Initial(parts.Options.HeartbeatInterval);
        Ready();
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public IStash Stash { get; set; } = null!;

    private DateTimeOffset Now => _parts.Time.GetUtcNow();

    protected override void PreStart()
    {
        Timers.StartPeriodicTimer("tick", Tick.Instance, TickInterval(_state.HeartbeatInterval));
        Greet();
    }

    protected override void PostStop()
    {
        _lifetime.Cancel();
        _lifetime.Dispose();
    }

    private void Ready()
    {
        Link();
        Receive<ProtocolMessage>(IsCommand, m =>
        {
            Run(m);
            Become(Busy);
        });
        Receive<ProtocolMessage>(m => Log.Ignored(_parts.Logger, m.GetType().Name));
    }

    private void Busy()
    {
        Link();
        Receive<CommandDone>(_ =>
        {
            Stash.UnstashAll();
            Become(Ready);
        });
        Receive<ProtocolMessage>(IsCommand, _ => Stash.Stash());
        Receive<ProtocolMessage>(m => Log.Ignored(_parts.Logger, m.GetType().Name));
    }

    /// <summary>What both behaviours handle: the link's own messages and everything that is not a queued command.</summary>
    private void Link()
    {
        Receive<Tick>(_ => OnTick());
        Receive<HelloReady>(OnHelloReady);
        Receive<HelloFailed>(f =>
        {
            _greeting = false;
            LogHelloFailed(f.Error);
        });
        Receive<HeartbeatReady>(h => Send(new AgentHeartbeat(Now, h.Health.Reachable, h.Health.Error)));
        Receive<Outgoing>(o =>
        {
            (_state, var now) = _state.Post(o.Message);
            if (now)
            {
                Send(o.Message);
            }
        });
        Receive<Reply>(r => Send(r.Message));
        Receive<Welcome>(OnWelcome);
        Receive<HeartbeatAck>(_ => _state = _state.Heard(Now));
        Receive<HelloRequired>(r =>
        {
            Log.HelloRequired(_parts.Logger, r.Reason);
            _state = _state.Unwelcomed();
            Greet();
        });
        Receive<AgentRefused>(r =>
        {
            Log.Refused(_parts.Logger, r.Reason, _parts.Options.ReconnectMaxDelay);
            _state = _state.Refused(Now);
        });
        Receive<IAgentRequest>(r => Answer(r));
        Receive<RequestFailed>(f =>
        {
            if (f.Error is not OperationCanceledException)
            {
                Log.HandlerFailed(_parts.Logger, f.Type, f.Error);
            }
        });
    }

    private void OnTick()
    {
        (_state, var action) = _state.Tick(Now, _parts.Options.ReconnectMaxDelay);
        switch (action)
        {
            case LinkAction.SendHello:
                if (_state.Phase == LinkPhase.Greeting && _state.HelloSentAt is null && _identity is not null)
                {
                    Log.Silent(_parts.Logger, _state.HeartbeatInterval * AgentLinkState.SilentIntervals);
                }
                Greet();
                break;
            case LinkAction.SendHeartbeat:
                _parts.Probe.CheckAsync(_lifetime.Token).PipeTo(Self, success: h => new HeartbeatReady(h), failure: e => new HeartbeatReady(new ClickHouseHealth(false, e.Message)));
                break;
        }
    }

    private void Greet()
    {
        if (_greeting)
        {
            return;
        }
        _greeting = true;
        _state = _state.HelloSent(Now);
        PrepareHelloAsync(_lifetime.Token).PipeTo(Self, failure: e => new HelloFailed(e));
    }

    private async Task<object> PrepareHelloAsync(CancellationToken cancellationToken)
    {
        var identity = await _parts.Identity.ReadAsync(cancellationToken).ConfigureAwait(false);
        var reports = await _parts.Executor.SnapshotAsync(cancellationToken).ConfigureAwait(false);
        return new HelloReady(identity, reports);
    }

    private void OnHelloReady(HelloReady ready)
    {
        _greeting = false;
        _identity = ready.Identity;
        Send(new AgentHello(ready.Identity, ready.Reports) { Token = _parts.Options.Token });
        Log.HelloSent(_parts.Logger, ready.Identity.Shard, ready.Identity.Replica, ready.Reports.Count);
    }

    private void OnWelcome(Welcome welcome)
    {
        var interval = _state.HeartbeatInterval;
        (_state, var flush) = _state.Welcome(welcome, Now);
        Log.Welcomed(_parts.Logger, welcome.CoordinatorVersion, Sender.Path.Address.ToString(), _state.HeartbeatInterval, flush.Count);
        if (_state.HeartbeatInterval != interval)
        {
            Timers.StartPeriodicTimer("tick", Tick.Instance, TickInterval(_state.HeartbeatInterval));
        }
        foreach (var message in flush)
        {
            Send(message);
        }
    }

    private void Send(ProtocolMessage message)
    {
        if (_identity is not { } identity)
        {
            // Nothing is sent before the first hello; reports wait in the state until the welcome.
            return;
        }
        _client.Tell(new ClusterClient.Send(TierEndpoint.AgentGatewayPath, new AgentEnvelope(identity.Shard, identity.Replica, message)));
    }

    /// <summary>Ticks come twice per heartbeat interval so that a missed welcome or silence is seen within half of one.</summary>
    private static TimeSpan TickInterval(TimeSpan heartbeat) => heartbeat / 2;

    private void LogHelloFailed(Exception error)
    {
        switch (error)
        {
            case AgentIdentityException e:
                Log.IdentityUnknown(_parts.Logger, e.Message);
                break;
            case OperationCanceledException:
                break;
            default:
                Log.ClickHouseUnavailable(_parts.Logger, error.Message);
                break;
        }
    }

    private sealed record Tick
    {
        public static readonly Tick Instance = new();
    }

    private sealed record HelloReady(AgentIdentity Identity, IReadOnlyList<OperationReport> Reports);

    private sealed record HelloFailed(Exception Error);

    private sealed record HeartbeatReady(ClickHouseHealth Health);

    /// <summary>A message an executor task produced, sent on the actor's thread.</summary>
    private sealed record Reply(ProtocolMessage Message);

    private sealed record RequestFailed(string Type, Exception Error);

    private sealed record CommandDone
    {
        public static readonly CommandDone Instance = new();
    }
}

/// <summary>A report from the executor on its way to the link actor (see <see cref="LinkOutbox"/>).</summary>
public sealed record Outgoing(ProtocolMessage Message);
