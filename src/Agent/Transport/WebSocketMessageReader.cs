using System.Buffers;
using System.Net.WebSockets;

namespace ClickVault.Cluster.Agent.Transport;

/// <summary>What one read of a whole WebSocket message produced.</summary>
internal enum IncomingKind
{
    Text,
    Binary,
    TooLarge,
    Closed,
}

/// <summary>One whole message (its frames reassembled), or why it cannot be used.</summary>
internal readonly record struct IncomingMessage(IncomingKind Kind, ReadOnlyMemory<byte> Payload, long Length);

/// <summary>
/// Reads whole messages from a WebSocket, reassembling fragmented frames. A message longer than the cap is read to its end
/// and discarded (reported as <see cref="IncomingKind.TooLarge"/>), so the stream stays in step. One reader per socket.
/// </summary>
internal sealed class WebSocketMessageReader(WebSocket socket, int maxBytes)
{
    private readonly byte[] _chunk = new byte[16 * 1024];
    private readonly ArrayBufferWriter<byte> _message = new();

    /// <summary>The payload is valid until the next call.</summary>
    public async Task<IncomingMessage> ReadAsync(CancellationToken cancellationToken)
    {
        _message.ResetWrittenCount();
        long length = 0;
        while (true)
        {
            var result = await socket.ReceiveAsync(_chunk.AsMemory(), cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return new IncomingMessage(IncomingKind.Closed, ReadOnlyMemory<byte>.Empty, 0);
            }

            length += result.Count;
            if (length <= maxBytes)
            {
                _message.Write(_chunk.AsSpan(0, result.Count));
            }

            if (result.EndOfMessage)
            {
                var kind = length > maxBytes ? IncomingKind.TooLarge
                    : result.MessageType == WebSocketMessageType.Binary ? IncomingKind.Binary
                    : IncomingKind.Text;
                return new IncomingMessage(kind, kind == IncomingKind.Text ? _message.WrittenMemory : ReadOnlyMemory<byte>.Empty, length);
            }
        }
    }
}
