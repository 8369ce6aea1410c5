using System.Threading.Channels;
using ClickVault.Cluster.Agent.Backups;
using ClickVault.Cluster.Shared.Protocol;
using Microsoft.Extensions.Logging;

namespace ClickVault.Cluster.Agent.Transport;

/// <summary>
/// The executor's reports on their way to the coordinator. While a session is attached they go straight to its send
/// queue; while disconnected only the latest message per operation is kept (older progress is superseded), and the
/// session flushes them right after the next welcome. Messages about no operation are dropped while disconnected.
/// </summary>
public sealed partial class Outbox(ILogger<Outbox> logger) : IAgentOutbox
{
    private readonly Lock _gate = new();
    private readonly OrderedDictionary<string, ProtocolMessage> _pending = new(StringComparer.Ordinal);
    private ChannelWriter<ProtocolMessage>? _session;

    /// <summary>The messages waiting for the next session, oldest operation first.</summary>
    public IReadOnlyList<ProtocolMessage> Pending
    {
        get
        {
            lock (_gate)
            {
                return _pending.Values.ToArray();
            }
        }
    }

    public void Post(ProtocolMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_gate)
        {
            if (_session is { } session && session.TryWrite(message))
            {
                return;
            }

            Keep(message, replace: true);
        }
    }

    /// <summary>Routes posts to <paramref name="session"/>, after handing it everything kept while disconnected.</summary>
    internal void Attach(ChannelWriter<ProtocolMessage> session)
    {
        lock (_gate)
        {
            foreach (var message in _pending.Values)
            {
                session.TryWrite(message);
            }

            Log.Flushed(logger, _pending.Count);
            _pending.Clear();
            _session = session;
        }
    }

    /// <summary>Stops routing to <paramref name="session"/>; later posts are kept.</summary>
    internal void Detach(ChannelWriter<ProtocolMessage> session)
    {
        lock (_gate)
        {
            if (ReferenceEquals(_session, session))
            {
                _session = null;
            }
        }
    }

    /// <summary>
    /// Takes back what a broken session could not send, oldest first. A message kept since the detach is newer than any
    /// of these, so it is not replaced.
    /// </summary>
    internal void Requeue(IEnumerable<ProtocolMessage> undelivered)
    {
        var latest = new OrderedDictionary<string, ProtocolMessage>(StringComparer.Ordinal);
        foreach (var message in undelivered)
        {
            if (OperationOf(message) is { } id)
            {
                latest[id] = message;
            }
        }

        lock (_gate)
        {
            foreach (var message in latest.Values)
            {
                Keep(message, replace: false);
            }
        }
    }

    internal static string? OperationOf(ProtocolMessage message) => message switch
    {
        OperationProgress m => m.Report.OperationId,
        BackupCompleted m => m.Report.OperationId,
        BackupFailed m => m.Report.OperationId,
        RestoreCompleted m => m.Report.OperationId,
        RestoreFailed m => m.Report.OperationId,
        _ => null,
    };

    private void Keep(ProtocolMessage message, bool replace)
    {
        if (OperationOf(message) is not { } id)
        {
            Log.Dropped(logger, message.GetType().Name);
            return;
        }

        if (replace)
        {
            _pending[id] = message;
        }
        else
        {
            _pending.TryAdd(id, message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2141, Level = LogLevel.Debug, Message = "not connected: dropped a {Type} that concerns no operation")]
        public static partial void Dropped(ILogger logger, string type);

        [LoggerMessage(EventId = 2142, Level = LogLevel.Debug, Message = "sending {Count} reports kept while disconnected")]
        public static partial void Flushed(ILogger logger, int count);
    }
}
