using Akka.Actor;
using ClickVault.Cluster.Agent.Restores;
using ClickVault.Cluster.Shared.Protocol;
using Microsoft.Extensions.Logging;

namespace ClickVault.Cluster.Agent.Link;

public sealed partial class AgentLinkActor
{
    private static bool IsCommand(ProtocolMessage message) =>
        message is StartBackup or CancelOperation or CollectConfig or QueryOperations or StartRestore;

    /// <summary>Runs one command off the actor's thread; its replies come back as <see cref="Reply"/>, then <see cref="CommandDone"/>.</summary>
    private void Run(ProtocolMessage command)
    {
        var self = Self;
        RunAsync(command, self, _lifetime.Token).PipeTo(self, success: () => CommandDone.Instance, failure: e =>
        {
            Log.HandlerFailed(_parts.Logger, command.GetType().Name, e);
            return CommandDone.Instance;
        });
    }

    private async Task RunAsync(ProtocolMessage command, IActorRef self, CancellationToken cancellationToken)
    {
        var executor = _parts.Executor;
        switch (command)
        {
            case StartBackup start:
                await executor.StartBackupAsync(start, cancellationToken).ConfigureAwait(false);
                break;
            case CancelOperation cancel:
                await executor.CancelAsync(cancel, cancellationToken).ConfigureAwait(false);
                break;
            case CollectConfig collect:
                foreach (var reply in await _parts.Configs.CollectAsync(collect, cancellationToken).ConfigureAwait(false))
                {
                    self.Tell(new Reply(reply));
                }
                break;
            case QueryOperations query:
                self.Tell(new Reply(await executor.QueryAsync(query, cancellationToken).ConfigureAwait(false)));
                break;
            case StartRestore restore:
                await executor.StartRestoreAsync(restore, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>Answered beside the commands: counting and summing large tables must not hold them up.</summary>
    private void Answer(IAgentRequest request) =>
        _parts.Requests.AnswerAsync(request, _lifetime.Token).PipeTo(Self, success: m => new Reply(m),
            failure: e => new RequestFailed(request.GetType().Name, e));

    private static partial class Log
    {
        [LoggerMessage(EventId = 2101, Level = LogLevel.Debug, Message = "hello sent as {Shard}/{Replica} with {Operations} operation reports")]
        public static partial void HelloSent(ILogger logger, string shard, string replica, int operations);

        [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "welcomed by coordinator {Version} through {Node}; heartbeat every {Interval}, {Flushed} kept report(s) sent")]
        public static partial void Welcomed(ILogger logger, string version, string node, TimeSpan interval, int flushed);

        [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "no word from the coordinator tier for {Silence}; greeting it again")]
        public static partial void Silent(ILogger logger, TimeSpan silence);

        [LoggerMessage(EventId = 2104, Level = LogLevel.Information, Message = "the coordinator tier asks for a new hello: {Reason}")]
        public static partial void HelloRequired(ILogger logger, string reason);

        [LoggerMessage(EventId = 2105, Level = LogLevel.Error, Message = "the coordinator refused this agent: {Reason}; next hello in {Delay}")]
        public static partial void Refused(ILogger logger, string reason, TimeSpan delay);

        [LoggerMessage(EventId = 2106, Level = LogLevel.Error, Message = "handling a {Type} from the coordinator failed")]
        public static partial void HandlerFailed(ILogger logger, string type, Exception exception);

        [LoggerMessage(EventId = 2107, Level = LogLevel.Warning, Message = "ignored a {Type} from the coordinator: it does not send it to agents")]
        public static partial void Ignored(ILogger logger, string type);

        [LoggerMessage(EventId = 2108, Level = LogLevel.Error, Message = "{Reason}; the next hello tries again")]
        public static partial void IdentityUnknown(ILogger logger, string reason);

        [LoggerMessage(EventId = 2109, Level = LogLevel.Warning, Message = "cannot read this agent's identity from the local ClickHouse: {Reason}; the next hello tries again")]
        public static partial void ClickHouseUnavailable(ILogger logger, string reason);
    }
}
