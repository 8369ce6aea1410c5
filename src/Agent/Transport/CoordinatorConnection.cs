using System.Net.WebSockets;
using ClickVault.Cluster.Agent.Backups;
using ClickVault.Cluster.Agent.ConfigFiles;
using ClickVault.Cluster.Agent.Configuration;
using ClickVault.Cluster.Agent.Health;
using ClickVault.Cluster.Agent.Identity;
using ClickVault.Cluster.Agent.Restores;
using ClickVault.Cluster.Shared.ClickHouse;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace ClickVault.Cluster.Agent.Transport;

/// <summary>
/// Keeps the agent connected until stopped: read the identity from the local ClickHouse, dial the coordinator, run a
/// session; after any failure wait per <see cref="ReconnectBackoff"/> (the maximum delay after an auth refusal) and retry,
/// forever, on a Polly retry pipeline. A session the coordinator welcomed resets the backoff.
/// </summary>
public sealed partial class CoordinatorConnection(
    ICoordinatorConnector connector,
    IAgentIdentitySource identitySource,
    OperationExecutor executor,
    ConfigCollector configs,
    AgentRequestHandler requests,
    Outbox outbox,
    IClickHouseProbe probe,
    ReconnectBackoff backoff,
    TimeProvider time,
    AgentOptions options,
    ILogger<CoordinatorConnection> logger)
{
    public async Task RunAsync(CancellationToken stopping)
    {
        var attempt = 0;
        var pipeline = new ResiliencePipelineBuilder<bool> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<bool>
            {
                // Forever: an agent without its coordinator has nothing else to do.
                MaxRetryAttempts = int.MaxValue,
                ShouldHandle = args => ValueTask.FromResult(!stopping.IsCancellationRequested),
                DelayGenerator = args =>
                {
                    if (args.Outcome.Result)
                    {
                        attempt = 0;
                    }

                    var delay = args.Outcome.Exception is CoordinatorAuthenticationException ? backoff.Maximum : backoff.Delay(attempt);
                    attempt++;
                    return ValueTask.FromResult<TimeSpan?>(delay);
                },
                OnRetry = args =>
                {
                    LogRetry(args.Outcome.Exception, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
        try
        {
            await pipeline.ExecuteAsync(SessionAsync, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }

        Log.Stopped(logger);
    }

    /// <summary>One session: true when the coordinator welcomed it (the backoff starts over).</summary>
    private async ValueTask<bool> SessionAsync(CancellationToken stopping)
    {
        var identity = await identitySource.ReadAsync(stopping).ConfigureAwait(false);
        using var socket = await connector.ConnectAsync(stopping).ConfigureAwait(false);
        Log.Connected(logger, connector.Endpoint, identity.Cluster, identity.Shard, identity.Replica);
        var session = new AgentSession(socket, identity, executor, configs, requests, outbox, probe, time, options, logger);
        return await session.RunAsync(stopping).ConfigureAwait(false);
    }

    private void LogRetry(Exception? failure, TimeSpan delay)
    {
        switch (failure)
        {
            case null:
                Log.Disconnected(logger, connector.Endpoint, delay);
                break;
            case CoordinatorAuthenticationException e:
                Log.AuthenticationFailed(logger, e.Message, delay);
                break;
            case AgentIdentityException e:
                Log.IdentityUnknown(logger, e.Message, delay);
                break;
            case ClickHouseException e:
                Log.ClickHouseUnavailable(logger, e.Message, delay);
                break;
            case WebSocketException or HttpRequestException or IOException:
                Log.ConnectFailed(logger, connector.Endpoint, failure.Message, delay);
                break;
            default:
                Log.Unexpected(logger, delay, failure);
                break;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2121, Level = LogLevel.Information, Message = "connected to {Endpoint} as {Cluster}/{Shard}/{Replica}")]
        public static partial void Connected(ILogger logger, Uri endpoint, string cluster, string shard, string replica);

        [LoggerMessage(EventId = 2122, Level = LogLevel.Information, Message = "disconnected from {Endpoint}; reconnecting in {Delay}")]
        public static partial void Disconnected(ILogger logger, Uri endpoint, TimeSpan delay);

        [LoggerMessage(EventId = 2123, Level = LogLevel.Error, Message = "authentication failed: {Reason}; retrying in {Delay}")]
        public static partial void AuthenticationFailed(ILogger logger, string reason, TimeSpan delay);

        [LoggerMessage(EventId = 2124, Level = LogLevel.Error, Message = "{Reason}; retrying in {Delay}")]
        public static partial void IdentityUnknown(ILogger logger, string reason, TimeSpan delay);

        [LoggerMessage(EventId = 2125, Level = LogLevel.Warning, Message = "cannot read this agent's identity from the local ClickHouse: {Reason}; retrying in {Delay}")]
        public static partial void ClickHouseUnavailable(ILogger logger, string reason, TimeSpan delay);

        [LoggerMessage(EventId = 2126, Level = LogLevel.Warning, Message = "cannot connect to the coordinator at {Endpoint}: {Reason}; retrying in {Delay}")]
        public static partial void ConnectFailed(ILogger logger, Uri endpoint, string reason, TimeSpan delay);

        [LoggerMessage(EventId = 2127, Level = LogLevel.Error, Message = "unexpected failure of the coordinator connection; retrying in {Delay}")]
        public static partial void Unexpected(ILogger logger, TimeSpan delay, Exception exception);

        [LoggerMessage(EventId = 2128, Level = LogLevel.Information, Message = "coordinator connection stopped")]
        public static partial void Stopped(ILogger logger);
    }
}
