using Akka.Actor;
using ClickVault.Cluster.Coordinator.Api;
using ClickVault.Cluster.Coordinator.Membership;
using ClickVault.Cluster.Shared.Protocol;
using Microsoft.Extensions.Logging;

namespace ClickVault.Cluster.Coordinator.AgentLink;

/// <summary>
/// The tier's one door for agents (a cluster singleton, beside the runs it feeds): checks each hello (token in constant
/// time, cluster name, sender matching the identity) and keeps one <see cref="AgentSessionActor"/> per replica. A message
/// from an agent it has no session for (after a fail-over, or a session that timed out) is answered with
/// <see cref="HelloRequired"/>, and the agent greets again with the state of every operation it runs.
/// </summary>
public sealed partial class AgentHubActor : ReceiveActor
{
    private readonly AgentSessionServices _services;
    private readonly Dictionary<string, IActorRef> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<IActorRef, string> _keys = [];
    private long _created;

    public AgentHubActor(AgentSessionServices services)
    {
        _services = services;
        Receive<AgentEnvelope>(OnEnvelope);
        Receive<Terminated>(t =>
        {
            if (_keys.Remove(t.ActorRef, out var key))
            {
                _sessions.Remove(key);
            }
        });
    }

    private ILogger Logger => _services.Logger;

    private void OnEnvelope(AgentEnvelope envelope)
    {
        var key = AgentRegistry.KeyOf(envelope.Shard, envelope.Replica);
        if (envelope.Message is AgentHello hello)
        {
            if (Refusal(envelope, hello) is { } reason)
            {
                Log.Refused(Logger, key, hello.Identity.Host, reason);
                Sender.Tell(new AgentRefused(reason));
                return;
            }
            if (!_sessions.TryGetValue(key, out var existing))
            {
                existing = Context.ActorOf(Props.Create(() => new AgentSessionActor(_services)), $"session-{++_created}");
                Context.Watch(existing);
                _sessions[key] = existing;
                _keys[existing] = key;
            }
            existing.Forward(hello);
            return;
        }
        if (_sessions.TryGetValue(key, out var session))
        {
            session.Forward(envelope.Message);
            return;
        }
        Log.Unknown(Logger, key, envelope.Message.GetType().Name);
        Sender.Tell(new HelloRequired("this coordinator has no session for the agent"));
    }

    private string? Refusal(AgentEnvelope envelope, AgentHello hello)
    {
        var options = _services.Options;
        if (!BearerToken.Equal(hello.Token, options.AgentToken))
        {
            return "wrong agent token";
        }
        if (!string.Equals(hello.Identity.Cluster, options.Cluster, StringComparison.Ordinal))
        {
            return $"this coordinator serves cluster '{options.Cluster}', not '{hello.Identity.Cluster}'";
        }
        if (hello.Identity.Shard != envelope.Shard || hello.Identity.Replica != envelope.Replica)
        {
            return $"the hello's identity {hello.Identity.Shard}/{hello.Identity.Replica} is not its sender {envelope.Shard}/{envelope.Replica}";
        }
        return null;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3261, Level = LogLevel.Warning, Message = "hello of agent {Agent} on host {Host} refused: {Reason}")]
        public static partial void Refused(ILogger logger, string agent, string host, string reason);

        [LoggerMessage(EventId = 3262, Level = LogLevel.Information, Message = "dropped a {Type} from agent {Agent}, which has no session here: asked it for a new hello")]
        public static partial void Unknown(ILogger logger, string agent, string type);
    }
}
