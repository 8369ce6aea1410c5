using Akka.Actor;
using ClickVault.Cluster.Coordinator.Configs;
using ClickVault.Cluster.Coordinator.Configuration;
using ClickVault.Cluster.Coordinator.Membership;
using ClickVault.Cluster.Coordinator.Restores;
using ClickVault.Cluster.Coordinator.Runs;
using ClickVault.Cluster.Shared.Protocol;
using Microsoft.Extensions.Logging;
using OperationStatus = ClickVault.Cluster.Shared.Protocol.OperationStatus;

namespace ClickVault.Cluster.Coordinator.AgentLink;

/// <summary>What a session hands agent messages to (the services of the node the hub singleton runs on).</summary>
public sealed record AgentSessionServices(
    AgentRegistry Registry,
    CoordinatorRuntime Runtime,
    ConfigArchive Configs,
    RestoreInbox Restores,
    CoordinatorOptions Options,
    ILogger Logger);

/// <summary>
/// One agent's session, from its accepted hello until it is silent for <see cref="CoordinatorOptions.AgentTimeout"/>:
/// membership and heartbeats, reports to the runs and restores, config files stored in the order they came (awaited
/// before the next message, so a replica's files are stored before its backup's completion is handled).
/// </summary>
public sealed partial class AgentSessionActor : ReceiveActor
{
    private readonly AgentSessionServices _services;
    private AgentMember? _member;
    private ActorAgentChannel? _channel;

    public AgentSessionActor(AgentSessionServices services)
    {
        _services = services;
        Receive<AgentHello>(OnHello);
        Receive<ReceiveTimeout>(_ => OnSilence());
        ReceiveAsync<ProtocolMessage>(OnMessageAsync);
    }

    private ILogger Logger => _services.Logger;

    private void OnHello(AgentHello hello)
    {
        // A second hello of the same session (the agent lost its welcome) keeps the channel the runs already hold.
        if (_channel is null)
        {
            _channel = new ActorAgentChannel(Sender);
        }
        else
        {
            _channel.Retarget(Sender);
        }
        _member = _services.Registry.Register(hello.Identity, _channel);
        Log.Connected(Logger, _member.Key, hello.Identity.Host, hello.Identity.ClickHouseVersion, hello.Operations.Count);
        Sender.Tell(new Welcome(CoordinatorRuntime.Version, _services.Options.HeartbeatInterval));
        foreach (var report in hello.Operations)
        {
            Report(_member, report);
        }
        _services.Runtime.Tell(new AgentJoined(hello.Identity.Shard, hello.Identity.Replica));
        _services.Restores.Joined(hello.Identity.Shard, hello.Identity.Replica);
        Context.SetReceiveTimeout(_services.Options.AgentTimeout);
    }

    private void OnSilence()
    {
        if (_member is { } member)
        {
            _services.Registry.Disconnected(member);
            Log.Disconnected(Logger, member.Key, _services.Options.AgentTimeout);
        }
        Context.Stop(Self);
    }

    private async Task OnMessageAsync(ProtocolMessage message)
    {
        if (_member is not { } member || _channel is not { } channel)
        {
            return;
        }
        if (!channel.Agent.Equals(Sender))
        {
            // The agent's ClusterClient reached the tier through another node: answer through that one from now on.
            channel.Retarget(Sender);
        }
        _services.Registry.Seen(member);
        var (shard, replica) = (member.Identity.Shard, member.Identity.Replica);
        switch (message)
        {
            case AgentHeartbeat heartbeat:
                _services.Registry.Heartbeat(member, heartbeat.ClickHouseReachable);
                Sender.Tell(new HeartbeatAck(heartbeat.SentAt));
                break;
            case OperationProgress p:
                Report(member, p.Report);
                break;
            case BackupCompleted c:
                _services.Runtime.Tell(new AgentReported(shard, replica, c.Report with { Tables = null }) { Tables = c.Report.Tables ?? c.Tables });
                break;
            case BackupFailed f:
                _services.Runtime.Tell(new AgentBackupFailed(shard, replica, f.Report, f.Error));
                break;
            case ConfigFileContent file:
                if (await _services.Configs.AcceptFileAsync(shard, replica, file, CancellationToken.None) is { } refused)
                {
                    Log.Rejected(Logger, member.Key, refused);
                }
                break;
            case ConfigCollected collected:
                if (await _services.Configs.CompleteAsync(shard, replica, collected, CancellationToken.None) is { } rejected)
                {
                    Log.Rejected(Logger, member.Key, rejected);
                }
                break;
            case OperationStatus status:
                foreach (var report in status.Reports)
                {
                    Report(member, report);
                }
                break;
            case RestoreCompleted c:
                _services.Restores.Reported(shard, replica, c.Report);
                break;
            case RestoreFailed f:
                _services.Restores.Reported(shard, replica, f.Report, f.Error);
                break;
            case IAgentReply reply:
                _services.Restores.Replied(shard, replica, reply);
                break;
            default:
                Log.Rejected(Logger, member.Key, $"{message.GetType().Name} is not a message an agent sends");
                break;
        }
    }

    /// <summary>A report goes to the restores when it is about a restore operation, else to the runs.</summary>
    private void Report(AgentMember member, OperationReport report)
    {
        if (RestoreInbox.Concerns(report))
        {
            _services.Restores.Reported(member.Identity.Shard, member.Identity.Replica, report);
        }
        else
        {
            _services.Runtime.Tell(new AgentReported(member.Identity.Shard, member.Identity.Replica, report with { Tables = null }) { Tables = report.Tables });
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3263, Level = LogLevel.Warning, Message = "message from agent {Agent} rejected: {Reason}")]
        public static partial void Rejected(ILogger logger, string agent, string reason);

        [LoggerMessage(EventId = 3264, Level = LogLevel.Information, Message = "agent {Agent} connected from host {Host}, ClickHouse {Version}, reporting {Operations} operation(s)")]
        public static partial void Connected(ILogger logger, string agent, string host, string version, int operations);

        [LoggerMessage(EventId = 3265, Level = LogLevel.Information, Message = "agent {Agent} disconnected: silent for {Timeout}")]
        public static partial void Disconnected(ILogger logger, string agent, TimeSpan timeout);
    }
}
