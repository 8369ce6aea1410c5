using System.Net.WebSockets;
using System.Threading.Channels;
using ClickVault.Cluster.Shared.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ClickVault.Cluster.Agent.Tests.Transport;

/// <summary>
/// A minimal coordinator for transport tests: a real ASP.NET Core WebSocket endpoint at <c>/agents/ws</c> on
/// 127.0.0.1 that checks the bearer token, hands each accepted connection to the test and counts refusals.
/// </summary>
internal sealed class CoordinatorStub : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly WebApplication _app;
    private readonly string _token;
    private readonly Channel<StubConnection> _connections = Channel.CreateUnbounded<StubConnection>();
    private readonly Channel<string> _refusals = Channel.CreateUnbounded<string>();

    private CoordinatorStub(WebApplication app, string token)
    {
        _app = app;
        _token = token;
    }

    public Uri BaseUrl => new(_app.Urls.First());

    public static async Task<CoordinatorStub> StartAsync(string token)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var stub = new CoordinatorStub(app, token);
        app.UseWebSockets();
        app.Map("/agents/ws", stub.HandleAsync);
        await app.StartAsync();
        return stub;
    }

    /// <summary>The next connection that presented the right token.</summary>
    public async Task<StubConnection> NextConnectionAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        return await _connections.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>The Authorization header of the next refused upgrade.</summary>
    public async Task<string> NextRefusalAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        return await _refusals.Reader.ReadAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization != "Bearer " + _token)
        {
            _refusals.Writer.TryWrite(authorization);
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var connection = new StubConnection(socket);
        _connections.Writer.TryWrite(connection);
        await connection.RunAsync();
    }
}

/// <summary>One accepted agent connection: what the agent sent, and ways to send it messages, raw frames, or a close.</summary>
internal sealed class StubConnection(WebSocket socket)
{
    private readonly Channel<ProtocolMessage> _received = Channel.CreateUnbounded<ProtocolMessage>();
    private readonly TaskCompletionSource<(WebSocketCloseStatus? Status, string? Description)> _closed =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly List<ProtocolMessage> _log = [];

    /// <summary>Every message received so far, in order.</summary>
    public IReadOnlyList<ProtocolMessage> Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToArray();
            }
        }
    }

    /// <summary>How the agent closed the connection (status null: it broke without a close frame).</summary>
    public Task<(WebSocketCloseStatus? Status, string? Description)> Closed => _closed.Task;

    public async Task RunAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    if (socket.State == WebSocketState.CloseReceived)
                    {
                        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "stub acknowledges", CancellationToken.None);
                    }

                    _closed.TrySetResult((result.CloseStatus, result.CloseStatusDescription));
                    return;
                }

                message.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    var decoded = ProtocolCodec.Decode(message.ToArray());
                    message.SetLength(0);
                    var received = decoded.Message ?? throw new InvalidOperationException("the agent sent an undecodable message: " + decoded.Rejection);
                    lock (_log)
                    {
                        _log.Add(received);
                    }

                    _received.Writer.TryWrite(received);
                }
            }
        }
        catch (WebSocketException)
        {
            _closed.TrySetResult((null, null));
        }
        finally
        {
            _received.Writer.TryComplete();
        }
    }

    /// <summary>The next message of type <typeparamref name="T"/> (matching <paramref name="match"/>); others are skipped.</summary>
    public async Task<T> NextAsync<T>(Func<T, bool>? match = null)
        where T : ProtocolMessage
    {
        using var timeout = new CancellationTokenSource(CoordinatorStub.Timeout);
        while (true)
        {
            var message = await _received.Reader.ReadAsync(timeout.Token);
            if (message is T typed && (match is null || match(typed)))
            {
                return typed;
            }
        }
    }

    public Task SendAsync(ProtocolMessage message) => SendRawAsync(ProtocolCodec.Encode(message), fragments: 1);

    /// <summary>Sends <paramref name="bytes"/> as one text message split over <paramref name="fragments"/> frames.</summary>
    public async Task SendRawAsync(byte[] bytes, int fragments)
    {
        var size = (bytes.Length + fragments - 1) / fragments;
        for (var offset = 0; offset < bytes.Length; offset += size)
        {
            var count = Math.Min(size, bytes.Length - offset);
            await socket.SendAsync(bytes.AsMemory(offset, count), WebSocketMessageType.Text, endOfMessage: offset + count >= bytes.Length, CancellationToken.None);
        }
    }

    public Task CloseAsync() => socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "stub closing", CancellationToken.None);
}
