using System.Net.WebSockets;
using ClickVault.Cluster.Agent.Backups;
using ClickVault.Cluster.Agent.ConfigFiles;
using ClickVault.Cluster.Agent.Configuration;
using ClickVault.Cluster.Agent.Health;
using ClickVault.Cluster.Agent.Identity;
using ClickVault.Cluster.Agent.Restores;
using ClickVault.Cluster.Shared.ClickHouse;
using Microsoft.Extensions.Logging;

namespace ClickVault.Cluster.Agent.Transport;

/// <summary>
/// Keeps the agent connected until stopped: read the identity from the local ClickHouse, dial the coordinator, run a
/// session; after any failure wait per <see cref="ReconnectBackoff"/> (the maximum delay after an auth refusal) and retry,
/// forever. A session the coordinator welcomed resets the backoff.
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
        while (!stopping.IsCancellationRequested)
        {
            TimeSpan delay;
            try
            {
                var identity = await identitySource.ReadAsync(stopping).ConfigureAwait(false);
                using var socket = await connector.ConnectAsync(stopping).ConfigureAwait(false);
                Log.Connected(logger, connector.Endpoint, identity.Cluster, identity.Shard, identity.Replica);
                var session = new AgentSession(socket, identity, executor, configs, requests, outbox, probe, time, options, logger);
                if (await session.RunAsync(stopping).ConfigureAwait(false))
                {
                    attempt = 0;
                }

                if (stopping.IsCancellationRequested)
                {
                    break;
                }

                delay = backoff.Delay(attempt++);
                Log.Disconnected(logger, connector.Endpoint, delay);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (CoordinatorAuthenticationException e)
            {
                attempt++;
                delay = backoff.Maximum;
                Log.AuthenticationFailed(logger, e.Message, delay);
            }
            catch (AgentIdentityException e)
            {
                delay = backoff.Delay(attempt++);
                Log.IdentityUnknown(logger, e.Message, delay);
            }
            catch (ClickHouseException e)
            {
                delay = backoff.Delay(attempt++);
                Log.ClickHouseUnavailable(logger, e.Message, delay);
            }
            catch (Exception e) when (e is WebSocketException or HttpRequestException or IOException)
            {
                delay = backoff.Delay(attempt++);
                Log.ConnectFailed(logger, connector.Endpoint, e.Message, delay);
            }
            catch (Exception e)
            {
                delay = backoff.Delay(attempt++);
                Log.Unexpected(logger, delay, e);
            }

            try
            {
                await Task.Delay(delay, time, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        Log.Stopped(logger);
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
