using System.Net.WebSockets;
using System.Threading.Channels;
using ClickVault.Cluster.Shared.Protocol;

namespace ClickVault.Cluster.Coordinator.Tests.Transport;

/// <summary>A protocol-level agent for coordinator tests: a real WebSocket speaking the envelope by hand.</summary>
internal sealed class RawAgent : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly Channel<ProtocolMessage> _received = Channel.CreateUnbounded<ProtocolMessage>();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private Task? _receiveLoop;
    private Task? _heartbeats;

    public static async Task<RawAgent> ConnectAsync(Uri coordinator, string token)
    {
        var agent = new RawAgent();
        agent._socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
        await agent._socket.ConnectAsync(new Uri(coordinator.ToString().Replace("http://", "ws://", StringComparison.Ordinal) + "agents/ws"), CancellationToken.None);
        agent._receiveLoop = agent.ReceiveLoopAsync();
        agent._heartbeats = agent.HeartbeatLoopAsync();
        return agent;
    }

    public static AgentIdentity Identity(string shard, string replica, string cluster = "c", int shards = 2) => new(
        cluster, shard, replica, $"host-{shard}-{replica}", "26.5.1.1",
        new Dictionary<string, string> { ["cluster"] = cluster, ["shard"] = shard, ["replica"] = replica }, "test")
    {
        Topology = [.. Enumerable.Range(1, shards).Select(n => new TopologyReplica(n, 1, "127.0.0.1", 9000 + n, n.ToString(System.Globalization.CultureInfo.InvariantCulture) == shard))],
    };

    /// <summary>Connects, says hello as <paramref name="replica"/> of <paramref name="shard"/> (in a cluster of <paramref name="shards"/>), and awaits the welcome.</summary>
    public static async Task<RawAgent> JoinAsync(
        ClickVault.Cluster.Testing.Coordinator.InProcessCoordinator coordinator, string shard, IReadOnlyList<OperationReport> operations, int shards = 2,
        string replica = "r1")
    {
        var agent = await ConnectAsync(coordinator.BaseUrl, ClickVault.Cluster.Testing.Coordinator.InProcessCoordinator.AgentToken);
        await agent.SendAsync(new AgentHello(Identity(shard, replica, shards: shards), operations));
        agent.HelloSent = true;
        await agent.ExpectAsync<Welcome>();
        return agent;
    }

    public bool IsOpen => _socket.State == WebSocketState.Open;

    public Task SendAsync(ProtocolMessage message) => SendRawAsync(ProtocolCodec.Encode(message));

    public async Task SendRawAsync(byte[] frame)
    {
        await _sending.WaitAsync();
        try
        {
            await _socket.SendAsync(frame, WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>Heartbeats like a real agent, so membership keeps it live (sent only after a hello was sent).</summary>
    private async Task HeartbeatLoopAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                if (HelloSent && IsOpen)
                {
                    await SendAsync(new AgentHeartbeat(DateTimeOffset.UtcNow, true, null));
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
        }
    }

    public bool HelloSent { get; set; }

    /// <summary>The next message of type <typeparamref name="T"/> (others are skipped), or a timeout failure.</summary>
    public async Task<T> ExpectAsync<T>(TimeSpan? timeout = null)
        where T : ProtocolMessage
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var message = await _received.Reader.ReadAsync(cancel.Token);
            if (message is T typed)
            {
                return typed;
            }
        }
    }

    /// <summary>Completes when the coordinator closes the session.</summary>
    public Task Closed => _receiveLoop ?? Task.CompletedTask;

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[1 << 20];
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
                var decoded = ProtocolCodec.Decode(buffer.AsSpan(0, result.Count));
                if (decoded.Ok)
                {
                    await _received.Writer.WriteAsync(decoded.Message!);
                }
            }
        }
        catch (WebSocketException)
        {
        }
        finally
        {
            _received.Writer.TryComplete();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_heartbeats is not null)
        {
            await _heartbeats;
        }
        if (_socket.State == WebSocketState.Open)
        {
            await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
        }
        if (_receiveLoop is not null)
        {
            await _receiveLoop;
        }
        _socket.Dispose();
    }
}
