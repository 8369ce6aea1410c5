using System.Net.WebSockets;
using System.Threading.Channels;
using ClickVault.Cluster.Agent.Backups;
using ClickVault.Cluster.Agent.ConfigFiles;
using ClickVault.Cluster.Agent.Configuration;
using ClickVault.Cluster.Agent.Health;
using ClickVault.Cluster.Agent.Restores;
using ClickVault.Cluster.Shared.Protocol;
using Microsoft.Extensions.Logging;

namespace ClickVault.Cluster.Agent.Transport;

/// <summary>
/// One connection's life: <see cref="AgentHello"/> first, then the coordinator's <see cref="Welcome"/>, then heartbeats and
/// commands until either side closes. Every send goes through one queue and one writer (a WebSocket allows one send at a
/// time); the receive loop reassembles fragmented messages, and logs and skips anything it cannot decode. The session ends
/// with a normal close handshake, or an abort when the other side does not answer it.
/// </summary>
internal sealed partial class AgentSession
{
    internal static readonly TimeSpan WelcomeTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(30);

    private readonly WebSocket _socket;
    private readonly AgentIdentity _identity;
    private readonly OperationExecutor _executor;
    private readonly ConfigCollector _configs;
    private readonly AgentRequestHandler _requests;
    private readonly Outbox _outbox;
    private readonly IClickHouseProbe _probe;
    private readonly TimeProvider _time;
    private readonly AgentOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<ProtocolMessage> _outgoing = Channel.CreateUnbounded<ProtocolMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource<Welcome> _welcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public AgentSession(
        WebSocket socket, AgentIdentity identity, OperationExecutor executor, ConfigCollector configs, AgentRequestHandler requests,
        Outbox outbox, IClickHouseProbe probe, TimeProvider time, AgentOptions options, ILogger logger)
    {
        _configs = configs;
        _socket = socket;
        _identity = identity;
        _executor = executor;
        _requests = requests;
        _outbox = outbox;
        _probe = probe;
        _time = time;
        _options = options;
        _logger = logger;
    }

    /// <summary>Runs until the connection ends or <paramref name="stopping"/> fires; true when the coordinator welcomed the agent.</summary>
    public async Task<bool> RunAsync(CancellationToken stopping)
    {
        using var session = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var reports = await _executor.SnapshotAsync(session.Token).ConfigureAwait(false);
        _outgoing.Writer.TryWrite(new AgentHello(_identity, reports));
        Log.HelloSent(_logger, reports.Count);
        var writer = WriteAsync(stopping);
        var receiver = ReceiveAsync(session.Token);
        Task? heartbeats = null;
        try
        {
            var deadline = Task.Delay(WelcomeTimeout, _time, session.Token);
            if (await Task.WhenAny(_welcome.Task, receiver, deadline).ConfigureAwait(false) == _welcome.Task)
            {
                var welcome = await _welcome.Task.ConfigureAwait(false);
                var interval = welcome.HeartbeatInterval > TimeSpan.Zero ? welcome.HeartbeatInterval : _options.HeartbeatInterval;
                Log.Welcomed(_logger, welcome.CoordinatorVersion, interval);
                _outbox.Attach(_outgoing.Writer);
                heartbeats = HeartbeatAsync(interval, session.Token);
                await Task.WhenAny(receiver, Task.Delay(Timeout.InfiniteTimeSpan, _time, session.Token)).ConfigureAwait(false);
            }
            else if (!stopping.IsCancellationRequested && deadline.IsCompleted)
            {
                Log.NoWelcome(_logger, WelcomeTimeout);
            }
        }
        finally
        {
            _outbox.Detach(_outgoing.Writer);
            await session.CancelAsync().ConfigureAwait(false);
            if (heartbeats is not null)
            {
                await heartbeats.ConfigureAwait(false);
            }

            _outgoing.Writer.TryComplete();
            await writer.ConfigureAwait(false);
            if (await Task.WhenAny(receiver, Task.Delay(CloseTimeout, _time, CancellationToken.None)).ConfigureAwait(false) != receiver)
            {
                Log.CloseUnanswered(_logger, CloseTimeout);
                _socket.Abort();
            }

            await receiver.ConfigureAwait(false);
        }

        return _welcome.Task.IsCompletedSuccessfully;
    }

    private async Task WriteAsync(CancellationToken stopping)
    {
        List<ProtocolMessage>? undelivered = null;
        await foreach (var message in _outgoing.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            if (undelivered is not null)
            {
                undelivered.Add(message);
                continue;
            }

            try
            {
                using var timeout = new CancellationTokenSource(SendTimeout, _time);
                await _socket.SendAsync(ProtocolCodec.Encode(message), WebSocketMessageType.Text, endOfMessage: true, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
            {
                Log.SendFailed(_logger, message.GetType().Name, e.Message);
                _outbox.Detach(_outgoing.Writer);
                undelivered = [message];
                _socket.Abort();
            }
        }

        if (undelivered is not null)
        {
            _outbox.Requeue(undelivered);
            return;
        }

        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            try
            {
                using var timeout = new CancellationTokenSource(CloseTimeout, _time);
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, stopping.IsCancellationRequested ? "agent stopping" : "session ended", timeout.Token)
                    .ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
                Log.SendFailed(_logger, "close", e.Message);
                _socket.Abort();
            }
        }
    }

    private async Task ReceiveAsync(CancellationToken session)
    {
        var reader = new WebSocketMessageReader(_socket, ProtocolCodec.MaxMessageBytes);
        try
        {
            while (true)
            {
                var incoming = await reader.ReadAsync(CancellationToken.None).ConfigureAwait(false);
                switch (incoming.Kind)
                {
                    case IncomingKind.Closed:
                        Log.Closed(_logger, _socket.CloseStatus, _socket.CloseStatusDescription);
                        return;
                    case IncomingKind.TooLarge:
                        Log.Rejected(_logger, $"message of {incoming.Length} bytes exceeds the {ProtocolCodec.MaxMessageBytes}-byte limit");
                        continue;
                    case IncomingKind.Binary:
                        Log.Rejected(_logger, $"binary message of {incoming.Length} bytes (the protocol speaks text messages)");
                        continue;
                }

                var decoded = ProtocolCodec.Decode(incoming.Payload.Span);
                if (decoded.Message is { } message)
                {
                    await DispatchAsync(message, session).ConfigureAwait(false);
                }
                else
                {
                    Log.Rejected(_logger, decoded.Rejection ?? "undecodable message");
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            Log.ConnectionLost(_logger, e.Message);
        }
    }

    private async Task DispatchAsync(ProtocolMessage message, CancellationToken session)
    {
        if (message is Welcome welcome)
        {
            if (!_welcome.TrySetResult(welcome))
            {
                Log.Ignored(_logger, nameof(Welcome), "the session was already welcomed");
            }

            return;
        }

        if (!_welcome.Task.IsCompleted)
        {
            Log.Ignored(_logger, message.GetType().Name, "it came before the coordinator's welcome");
            return;
        }

        try
        {
            switch (message)
            {
                case StartBackup start:
                    await _executor.StartBackupAsync(start, session).ConfigureAwait(false);
                    break;
                case CancelOperation cancel:
                    await _executor.CancelAsync(cancel, session).ConfigureAwait(false);
                    break;
                case CollectConfig collect:
                    // Written straight to this session's queue before the next command is read, so the files of a backup's
                    // replica reach the coordinator before any report of that backup. Not kept across reconnects.
                    foreach (var reply in await _configs.CollectAsync(collect, session).ConfigureAwait(false))
                    {
                        _outgoing.Writer.TryWrite(reply);
                    }

                    break;
                case QueryOperations query:
                    _outgoing.Writer.TryWrite(await _executor.QueryAsync(query, session).ConfigureAwait(false));
                    break;
                case StartRestore restore:
                    await _executor.StartRestoreAsync(restore, session).ConfigureAwait(false);
                    break;
                case IAgentRequest request:
                    // Answered in the background: counting and summing large tables must not hold up other commands.
                    _ = AnswerAsync(request, session);
                    break;
                default:
                    Log.Ignored(_logger, message.GetType().Name, "the coordinator does not send it to agents");
                    break;
            }
        }
        catch (OperationCanceledException) when (session.IsCancellationRequested)
        {
            Log.Ignored(_logger, message.GetType().Name, "the session is ending");
        }
        catch (Exception e)
        {
            Log.HandlerFailed(_logger, message.GetType().Name, e);
        }
    }

    private async Task AnswerAsync(IAgentRequest request, CancellationToken session)
    {
        try
        {
            _outgoing.Writer.TryWrite(await _requests.AnswerAsync(request, session).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (session.IsCancellationRequested)
        {
            Log.Ignored(_logger, request.GetType().Name, "the session is ending");
        }
        catch (Exception e)
        {
            Log.HandlerFailed(_logger, request.GetType().Name, e);
        }
    }

    private async Task HeartbeatAsync(TimeSpan interval, CancellationToken session)
    {
        try
        {
            using var timer = new PeriodicTimer(interval, _time);
            do
            {
                var health = await _probe.CheckAsync(session).ConfigureAwait(false);
                _outgoing.Writer.TryWrite(new AgentHeartbeat(_time.GetUtcNow(), health.Reachable, health.Error));
            }
            while (await timer.WaitForNextTickAsync(session).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (session.IsCancellationRequested)
        {
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2101, Level = LogLevel.Debug, Message = "hello sent with {Operations} operation reports")]
        public static partial void HelloSent(ILogger logger, int operations);

        [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "welcomed by coordinator {Version}; heartbeat every {Interval}")]
        public static partial void Welcomed(ILogger logger, string version, TimeSpan interval);

        [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "the coordinator sent no welcome within {Timeout}; reconnecting")]
        public static partial void NoWelcome(ILogger logger, TimeSpan timeout);

        [LoggerMessage(EventId = 2104, Level = LogLevel.Warning, Message = "rejected a message from the coordinator: {Reason}")]
        public static partial void Rejected(ILogger logger, string reason);

        [LoggerMessage(EventId = 2105, Level = LogLevel.Warning, Message = "ignored a {Type} from the coordinator: {Reason}")]
        public static partial void Ignored(ILogger logger, string type, string reason);

        [LoggerMessage(EventId = 2106, Level = LogLevel.Error, Message = "handling a {Type} from the coordinator failed")]
        public static partial void HandlerFailed(ILogger logger, string type, Exception exception);

        [LoggerMessage(EventId = 2107, Level = LogLevel.Warning, Message = "sending a {Type} to the coordinator failed: {Reason}")]
        public static partial void SendFailed(ILogger logger, string type, string reason);

        [LoggerMessage(EventId = 2108, Level = LogLevel.Information, Message = "the connection to the coordinator is closed ({Status} {Description})")]
        public static partial void Closed(ILogger logger, WebSocketCloseStatus? status, string? description);

        [LoggerMessage(EventId = 2109, Level = LogLevel.Warning, Message = "connection to the coordinator lost: {Reason}")]
        public static partial void ConnectionLost(ILogger logger, string reason);

        [LoggerMessage(EventId = 2110, Level = LogLevel.Warning, Message = "the coordinator did not answer the close within {Timeout}; aborting the connection")]
        public static partial void CloseUnanswered(ILogger logger, TimeSpan timeout);
    }
}
