using System.Buffers;
using OperationStatus = ClickVault.Cluster.Shared.Protocol.OperationStatus;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using ClickVault.Cluster.Coordinator.Configs;
using ClickVault.Cluster.Coordinator.Configuration;
using ClickVault.Cluster.Coordinator.Membership;
using ClickVault.Cluster.Coordinator.Restores;
using ClickVault.Cluster.Coordinator.Runs;
using ClickVault.Cluster.Shared.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClickVault.Cluster.Coordinator.Transport;

/// <summary>
/// <c>GET /agents/ws</c>: an agent's WebSocket session. Bearer-token auth, then the agent's hello registers it;
/// every later message updates membership or goes to the runs. A malformed message is logged and skipped.
/// </summary>
public sealed partial class AgentEndpoint(
    AgentRegistry registry,
    CoordinatorRuntime runtime,
    ConfigArchive configs,
    RestoreInbox restores,
    IOptions<CoordinatorOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<AgentEndpoint> logger)
{
    public const string Path = "/agents/ws";

    public async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("expected a WebSocket upgrade", context.RequestAborted).ConfigureAwait(false);
            return;
        }
        if (!BearerToken.Matches(context.Request, options.Value.AgentToken))
        {
            Log.Unauthorized(logger, context.Connection.RemoteIpAddress?.ToString() ?? "?");
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        await using var channel = new WebSocketAgentChannel(socket);
        AgentMember? member = null;
        try
        {
            using var session = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, channel.Closing, lifetime.ApplicationStopping);
            while (await ReceiveAsync(socket, session.Token).ConfigureAwait(false) is { } frame)
            {
                var decoded = ProtocolCodec.Decode(frame);
                if (!decoded.Ok)
                {
                    Log.Rejected(logger, member?.Key ?? "(before hello)", decoded.Rejection!);
                    continue;
                }
                member = await HandleAsync(decoded.Message!, member, channel).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // Peer went away or the session was replaced.
        }
        finally
        {
            if (member is not null)
            {
                registry.Disconnected(member);
                Log.Disconnected(logger, member.Key, channel.CloseReason ?? "connection closed");
            }
        }
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, channel.CloseReason ?? "bye", CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task<AgentMember?> HandleAsync(ProtocolMessage message, AgentMember? member, WebSocketAgentChannel channel)
    {
        if (member is null && message is not AgentHello)
        {
            Log.Rejected(logger, "(before hello)", $"first message must be agent.hello, got {message.GetType().Name}");
            return null;
        }
        if (member is not null)
        {
            registry.Seen(member);
        }
        switch (message)
        {
            case AgentHello hello:
                if (!string.Equals(hello.Identity.Cluster, options.Value.Cluster, StringComparison.Ordinal))
                {
                    Log.WrongCluster(logger, hello.Identity.Cluster, hello.Identity.Shard, hello.Identity.Replica, options.Value.Cluster);
                    channel.Close($"this coordinator serves cluster '{options.Value.Cluster}', not '{hello.Identity.Cluster}'");
                    return member;
                }
                member = registry.Register(hello.Identity, channel);
                Log.Connected(logger, member.Key, hello.Identity.Host, hello.Identity.ClickHouseVersion, hello.Operations.Count);
                await channel.SendAsync(new Welcome(CoordinatorRuntime.Version, options.Value.HeartbeatInterval), CancellationToken.None).ConfigureAwait(false);
                foreach (var report in hello.Operations)
                {
                    Report(member, report);
                }
                runtime.Tell(new AgentJoined(hello.Identity.Shard, hello.Identity.Replica));
                restores.Joined(hello.Identity.Shard, hello.Identity.Replica);
                return member;
            case AgentHeartbeat heartbeat:
                registry.Heartbeat(member!, heartbeat.ClickHouseReachable);
                return member;
            case OperationProgress p:
                Report(member!, p.Report);
                return member;
            case BackupCompleted c:
                runtime.Tell(new AgentReported(member!.Identity.Shard, member.Identity.Replica, c.Report with { Tables = null }) { Tables = c.Report.Tables ?? c.Tables });
                return member;
            case BackupFailed f:
                runtime.Tell(new AgentBackupFailed(member!.Identity.Shard, member.Identity.Replica, f.Report, f.Error));
                return member;
            case ConfigFileContent file:
                // Awaited before the next message is read: a replica's files are stored before its backup's completion.
                if (await configs.AcceptFileAsync(member!.Identity.Shard, member.Identity.Replica, file, CancellationToken.None).ConfigureAwait(false) is { } refused)
                {
                    Log.Rejected(logger, member.Key, refused);
                }
                return member;
            case ConfigCollected collected:
                if (await configs.CompleteAsync(member!.Identity.Shard, member.Identity.Replica, collected, CancellationToken.None).ConfigureAwait(false) is { } rejected)
                {
                    Log.Rejected(logger, member.Key, rejected);
                }
                return member;
            case OperationStatus status:
                foreach (var report in status.Reports)
                {
                    Report(member!, report);
                }
                return member;
            case RestoreCompleted c:
                restores.Reported(member!.Identity.Shard, member.Identity.Replica, c.Report);
                return member;
            case RestoreFailed f:
                restores.Reported(member!.Identity.Shard, member.Identity.Replica, f.Report, f.Error);
                return member;
            case IAgentReply reply:
                restores.Replied(member!.Identity.Shard, member.Identity.Replica, reply);
                return member;
            default:
                Log.Rejected(logger, member!.Key, $"{message.GetType().Name} is not a message an agent sends");
                return member;
        }
    }

    /// <summary>A report goes to the restores when it is about a restore operation, else to the runs.</summary>
    private void Report(AgentMember member, OperationReport report)
    {
        if (RestoreInbox.Concerns(report))
        {
            restores.Reported(member.Identity.Shard, member.Identity.Replica, report);
        }
        else
        {
            runtime.Tell(new AgentReported(member.Identity.Shard, member.Identity.Replica, report with { Tables = null }) { Tables = report.Tables });
        }
    }

    private static async Task<byte[]?> ReceiveAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            using var message = new MemoryStream();
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return null;
                }
                if (message.Length + result.Count > ProtocolCodec.MaxMessageBytes)
                {
                    throw new WebSocketException(WebSocketError.Faulted, $"agent message exceeds {ProtocolCodec.MaxMessageBytes} bytes");
                }
                message.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    return message.ToArray();
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3261, Level = LogLevel.Warning, Message = "agent connection from {Remote} refused: missing or wrong bearer token")]
        public static partial void Unauthorized(ILogger logger, string remote);

        [LoggerMessage(EventId = 3262, Level = LogLevel.Warning, Message = "message from agent {Agent} rejected: {Reason}")]
        public static partial void Rejected(ILogger logger, string agent, string reason);

        [LoggerMessage(EventId = 3263, Level = LogLevel.Warning, Message = "agent {Shard}/{Replica} belongs to cluster {AgentCluster}, this coordinator serves {Cluster}: refused")]
        public static partial void WrongCluster(ILogger logger, string agentCluster, string shard, string replica, string cluster);

        [LoggerMessage(EventId = 3264, Level = LogLevel.Information, Message = "agent {Agent} connected from host {Host}, ClickHouse {Version}, reporting {Operations} operation(s)")]
        public static partial void Connected(ILogger logger, string agent, string host, string version, int operations);

        [LoggerMessage(EventId = 3265, Level = LogLevel.Information, Message = "agent {Agent} disconnected: {Reason}")]
        public static partial void Disconnected(ILogger logger, string agent, string reason);
    }
}

/// <summary>Constant-time check of <c>Authorization: Bearer {token}</c>.</summary>
public static class BearerToken
{
    public static bool Matches(HttpRequest request, string expected)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (expected.Length == 0 || !header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[scheme.Length..].Trim()), Encoding.UTF8.GetBytes(expected));
    }
}
