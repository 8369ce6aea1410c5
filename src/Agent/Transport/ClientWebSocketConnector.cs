using System.Net;
using System.Net.WebSockets;
using ClickVault.Cluster.Agent.Configuration;

namespace ClickVault.Cluster.Agent.Transport;

/// <summary>Opens the WebSocket to the coordinator.</summary>
public interface ICoordinatorConnector
{
    /// <summary>Where the connector dials (never carries the token).</summary>
    Uri Endpoint { get; }

    /// <exception cref="CoordinatorAuthenticationException">The coordinator answered 401 or 403.</exception>
    /// <exception cref="WebSocketException">The coordinator could not be reached or did not upgrade.</exception>
    Task<WebSocket> ConnectAsync(CancellationToken cancellationToken);
}

/// <summary><see cref="ClientWebSocket"/> to <c>{coordinator_url}/agents/ws</c> with <c>Authorization: Bearer {token}</c>.</summary>
public sealed class ClientWebSocketConnector(AgentOptions options, TimeProvider time) : ICoordinatorConnector
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MinKeepAliveTimeout = TimeSpan.FromSeconds(15);

    public Uri Endpoint { get; } = CoordinatorEndpoint.AgentSocket(
        options.CoordinatorUrl ?? throw new ArgumentException("agent.coordinator_url is not set", nameof(options)));

    public async Task<WebSocket> ConnectAsync(CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + options.Token);
        socket.Options.CollectHttpResponseDetails = true;
        // Pings detect a coordinator that vanished without closing the TCP connection.
        socket.Options.KeepAliveInterval = options.HeartbeatInterval;
        // Never shorter than MinKeepAliveTimeout: a busy coordinator host must not look dead because a pong came late.
        socket.Options.KeepAliveTimeout = options.HeartbeatInterval * 3 > MinKeepAliveTimeout ? options.HeartbeatInterval * 3 : MinKeepAliveTimeout;
        using var deadline = new CancellationTokenSource(ConnectTimeout, time);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            await socket.ConnectAsync(Endpoint, timeout.Token).ConfigureAwait(false);
            return socket;
        }
        catch (WebSocketException) when (socket.HttpStatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            var status = socket.HttpStatusCode;
            socket.Dispose();
            throw new CoordinatorAuthenticationException(Endpoint, status);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new WebSocketException(WebSocketError.Faulted, $"the coordinator at {Endpoint} did not accept the connection within {ConnectTimeout}");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>The coordinator refused the agent's token (HTTP 401 or 403 on the WebSocket upgrade).</summary>
public sealed class CoordinatorAuthenticationException(Uri endpoint, HttpStatusCode status)
    : Exception($"the coordinator at {endpoint} refused the agent's token (HTTP {(int)status} {status}); check agent.token")
{
    public HttpStatusCode Status { get; } = status;
}
