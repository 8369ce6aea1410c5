using System.Threading.Channels;
using ClickVault.Cluster.Agent.Backups;
using ClickVault.Cluster.Agent.Transport;
using ClickVault.Cluster.Shared.Protocol;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace ClickVault.Cluster.Agent.Tests.Transport;

public sealed class OutboxTests
{
    private readonly Outbox _outbox = new(NullLogger<Outbox>.Instance);

    [Fact]
    public void While_disconnected_only_the_latest_report_per_operation_is_kept_in_first_seen_order()
    {
        _outbox.Post(Progress("a", 1));
        _outbox.Post(Progress("b", 1));
        _outbox.Post(Progress("a", 2));
        _outbox.Post(new BackupCompleted(Report("b", 9) with { State = OperationState.Succeeded }));
        _outbox.Post(new AgentHeartbeat(DateTimeOffset.UnixEpoch, true, null));
        _outbox.Post(new OperationStatus([]));

        Assert.Equal([Progress("a", 2), new BackupCompleted(Report("b", 9) with { State = OperationState.Succeeded })], _outbox.Pending);
    }

    [Fact]
    public void Attaching_hands_over_what_was_kept_then_routes_posts_to_the_session()
    {
        var session = Channel.CreateUnbounded<ProtocolMessage>();
        _outbox.Post(Progress("a", 1));

        _outbox.Attach(session.Writer);
        _outbox.Post(Progress("a", 2));
        _outbox.Detach(session.Writer);
        _outbox.Post(Progress("a", 3));

        Assert.Equal([Progress("a", 1), Progress("a", 2)], Drain(session));
        Assert.Equal([Progress("a", 3)], _outbox.Pending);
    }

    [Fact]
    public void Undelivered_messages_come_back_without_replacing_newer_ones()
    {
        _outbox.Post(Progress("a", 5));

        _outbox.Requeue([Progress("a", 3), Progress("b", 1), Progress("b", 2), new AgentHeartbeat(DateTimeOffset.UnixEpoch, true, null)]);

        Assert.Equal([Progress("a", 5), Progress("b", 2)], _outbox.Pending);
    }

    [Fact]
    public void A_completed_session_queue_does_not_swallow_posts()
    {
        var session = Channel.CreateUnbounded<ProtocolMessage>();
        _outbox.Attach(session.Writer);
        session.Writer.Complete();

        _outbox.Post(Progress("a", 1));

        Assert.Equal([Progress("a", 1)], _outbox.Pending);
    }

    private static OperationProgress Progress(string id, ulong files) => new(Report(id, files));

    private static OperationReport Report(string id, ulong files) =>
        OperationReports.Unknown(id) with { State = OperationState.Running, NumFiles = files };

    private static List<ProtocolMessage> Drain(Channel<ProtocolMessage> channel)
    {
        var list = new List<ProtocolMessage>();
        while (channel.Reader.TryRead(out var message))
        {
            list.Add(message);
        }

        return list;
    }
}
