using System.Net.WebSockets;
using System.Threading.Channels;
using ClickVault.Cluster.Coordinator.Membership;
using ClickVault.Cluster.Shared.Protocol;

namespace ClickVault.Cluster.Coordinator.Transport;

/// <summary>
/// The sending half of an agent's WebSocket: messages queue in a channel and one loop writes them, because a
/// WebSocket allows only one send at a time.
/// </summary>
public sealed class WebSocketAgentChannel : IAgentChannel, IAsyncDisposable
{
    private readonly WebSocket _socket;
    private readonly Channel<ProtocolMessage> _outgoing = Channel.CreateBounded<ProtocolMessage>(1024);
    private readonly CancellationTokenSource _closing = new();
    private readonly Task _sendLoop;

    public WebSocketAgentChannel(WebSocket socket)
    {
        _socket = socket;
        _sendLoop = Task.Run(SendLoopAsync);
    }

    /// <summary>Set when <see cref="Close"/> was called: the receive loop ends the session with this reason.</summary>
    public string? CloseReason { get; private set; }

    public CancellationToken Closing => _closing.Token;

    public async ValueTask<bool> SendAsync(ProtocolMessage message, CancellationToken cancellationToken)
    {
        if (_closing.IsCancellationRequested || _socket.State != WebSocketState.Open)
        {
            return false;
        }
        try
        {
            await _outgoing.Writer.WriteAsync(message, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ChannelClosedException)
        {
            return false;
        }
    }

    public void Close(string reason)
    {
        CloseReason = reason;
        _outgoing.Writer.TryComplete();
        _closing.Cancel();
    }

    private async Task SendLoopAsync()
    {
        try
        {
            await foreach (var message in _outgoing.Reader.ReadAllAsync(_closing.Token).ConfigureAwait(false))
            {
                await _socket.SendAsync(ProtocolCodec.Encode(message), WebSocketMessageType.Text, endOfMessage: true, _closing.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // The session is over; the receive loop reports the disconnect.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _outgoing.Writer.TryComplete();
        await _closing.CancelAsync().ConfigureAwait(false);
        await _sendLoop.ConfigureAwait(false);
        _closing.Dispose();
    }
}
