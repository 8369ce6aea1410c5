using System.Collections.Concurrent;
using ClickVault.Cluster.Coordinator.Membership;
using ClickVault.Cluster.Shared.Protocol;

namespace ClickVault.Cluster.Coordinator.Restores;

/// <summary>
/// Request/reply with agents over the one-way protocol: each request gets a fresh <see cref="RequestId"/> and waits (with a
/// timeout on the injected clock) for the agent's reply of that id. A reply counts only from the agent it was asked of.
/// Thread-safe; the transport completes replies, restores and verification await them.
/// </summary>
public sealed class AgentRequests(AgentRegistry registry, TimeProvider time)
{
    /// <summary>The default wait for an agent's answer to a quick request (inspecting, dropping, rendering).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<RequestId, Pending> _pending = new();

    /// <summary>Requests waiting for their reply.</summary>
    public int Waiting => _pending.Count;

    /// <exception cref="AgentRequestException">The agent is not connected, did not answer in time, or answered the wrong kind.</exception>
    public async Task<TReply> AskAsync<TReply>(string shard, string replica, Func<RequestId, ProtocolMessage> request, TimeSpan timeout, CancellationToken cancellationToken)
        where TReply : ProtocolMessage, IAgentReply
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = RequestId.New();
        var pending = new Pending(shard, replica, new TaskCompletionSource<ProtocolMessage>(TaskCreationOptions.RunContinuationsAsynchronously));
        _pending[id] = pending;
        var message = request(id);
        try
        {
            if (!await registry.SendAsync(shard, replica, message, cancellationToken).ConfigureAwait(false))
            {
                throw new AgentRequestException($"replica {replica} of shard {shard} has no connected agent to ask ({message.GetType().Name})");
            }

            var reply = await pending.Reply.Task.WaitAsync(timeout, time, cancellationToken).ConfigureAwait(false);
            return reply as TReply ?? throw new AgentRequestException(
                $"replica {replica} of shard {shard} answered {message.GetType().Name} with {reply.GetType().Name}, expected {typeof(TReply).Name}");
        }
        catch (TimeoutException)
        {
            throw new AgentRequestException($"replica {replica} of shard {shard} did not answer {message.GetType().Name} within {timeout.TotalSeconds:0.#} s");
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    /// <summary>Hands a reply to its waiting request; false when none of that agent waits for it (late, unknown, or from another agent).</summary>
    public bool Complete(string shard, string replica, IAgentReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        return _pending.TryGetValue(reply.RequestId, out var pending)
            && pending.Shard == shard && pending.Replica == replica
            && reply is ProtocolMessage message && pending.Reply.TrySetResult(message);
    }

    private sealed record Pending(string Shard, string Replica, TaskCompletionSource<ProtocolMessage> Reply);
}

/// <summary>A request to an agent got no usable reply; the message says which agent and why.</summary>
public sealed class AgentRequestException(string message) : Exception(message);
