using System.Threading.Channels;
using ClickVault.Cluster.Agent.Backups;
using ClickVault.Cluster.Shared.Protocol;

namespace ClickVault.Cluster.Agent.Tests.Backups;

/// <summary>An outbox that hands every posted message to the test, in order.</summary>
internal sealed class RecordingOutbox : IAgentOutbox
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly Channel<ProtocolMessage> _messages = Channel.CreateUnbounded<ProtocolMessage>();

    public void Post(ProtocolMessage message) => _messages.Writer.TryWrite(message);

    public async Task<ProtocolMessage> NextAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        return await _messages.Reader.ReadAsync(timeout.Token);
    }

    public async Task<T> NextAsync<T>()
        where T : ProtocolMessage
    {
        var message = await NextAsync();
        return Xunit.Assert.IsType<T>(message);
    }

    /// <summary>What was posted and not read yet.</summary>
    public IReadOnlyList<ProtocolMessage> Unread()
    {
        var list = new List<ProtocolMessage>();
        while (_messages.Reader.TryRead(out var message))
        {
            list.Add(message);
        }

        return list;
    }
}
