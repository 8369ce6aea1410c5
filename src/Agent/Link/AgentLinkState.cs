using System.Collections.Immutable;
using ClickVault.Cluster.Shared.Protocol;

namespace ClickVault.Cluster.Agent.Link;

/// <summary>Where the agent's link to the coordinator tier stands.</summary>
public enum LinkPhase
{
    /// <summary>No hello answered yet: a hello goes out, again every <see cref="AgentLinkState.WelcomeTimeout"/>.</summary>
    Greeting,

    /// <summary>Welcomed: heartbeats go out, reports go straight to the tier.</summary>
    Welcomed,

    /// <summary>The tier refused the hello; the next one waits for the refusal delay.</summary>
    Refused,
}

/// <summary>What the actor does after a decision.</summary>
public enum LinkAction
{
    None,
    SendHello,
    SendHeartbeat,
}

/// <summary>
/// The link's state, changed only by the pure functions below (the actor does the sending and the clock). While not
/// welcomed, reports are kept, the latest per operation (older progress is superseded), and sent right after the next
/// welcome; a message about no operation is dropped then, since the hello that follows carries every operation's state.
/// </summary>
public sealed record AgentLinkState(
    LinkPhase Phase,
    TimeSpan HeartbeatInterval,
    DateTimeOffset LastHeard,
    DateTimeOffset? HelloSentAt,
    ImmutableList<ProtocolMessage> Pending)
{
    /// <summary>How long a hello waits for its welcome before the next one.</summary>
    public static readonly TimeSpan WelcomeTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Heartbeat intervals without a word from the tier before the link counts as lost.</summary>
    public const int SilentIntervals = 4;

    public static AgentLinkState Initial(TimeSpan heartbeatInterval) =>
        new(LinkPhase.Greeting, heartbeatInterval, DateTimeOffset.MinValue, null, []);

    public bool IsWelcomed => Phase == LinkPhase.Welcomed;

    public AgentLinkState HelloSent(DateTimeOffset now) => this with { HelloSentAt = now };

    /// <summary>Welcomed: the heartbeat interval is the tier's; what was kept goes out now, oldest operation first.</summary>
    public (AgentLinkState State, IReadOnlyList<ProtocolMessage> Flush) Welcome(Welcome welcome, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(welcome);
        var interval = welcome.HeartbeatInterval > TimeSpan.Zero ? welcome.HeartbeatInterval : HeartbeatInterval;
        return (this with { Phase = LinkPhase.Welcomed, HeartbeatInterval = interval, LastHeard = now, HelloSentAt = null, Pending = [] }, Pending);
    }

    /// <summary>Any message from the tier shows it is there.</summary>
    public AgentLinkState Heard(DateTimeOffset now) => IsWelcomed ? this with { LastHeard = now } : this;

    /// <summary>The tier lost this agent (fail-over, expired session) or lost contact with it: greet again.</summary>
    public AgentLinkState Unwelcomed() => this with { Phase = LinkPhase.Greeting, HelloSentAt = null };

    public AgentLinkState Refused(DateTimeOffset now) => this with { Phase = LinkPhase.Refused, HelloSentAt = now };

    /// <summary>A report from the executor: sent now when welcomed, else kept (latest per operation).</summary>
    public (AgentLinkState State, bool SendNow) Post(ProtocolMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (IsWelcomed)
        {
            return (this, true);
        }

        if (OperationOf(message) is not { } id)
        {
            return (this, false);
        }

        var kept = Pending.FindIndex(m => OperationOf(m) == id);
        return (this with { Pending = kept < 0 ? Pending.Add(message) : Pending.SetItem(kept, message) }, false);
    }

    /// <summary>
    /// The periodic tick: a heartbeat when welcomed, or the link counts as lost after <see cref="SilentIntervals"/>
    /// silent intervals; a hello when the last one went unanswered for <see cref="WelcomeTimeout"/> (or, after a
    /// refusal, for <paramref name="refusalDelay"/>).
    /// </summary>
    public (AgentLinkState State, LinkAction Action) Tick(DateTimeOffset now, TimeSpan refusalDelay)
    {
        switch (Phase)
        {
            case LinkPhase.Welcomed when now - LastHeard > HeartbeatInterval * SilentIntervals:
                return (Unwelcomed(), LinkAction.SendHello);
            case LinkPhase.Welcomed:
                return (this, LinkAction.SendHeartbeat);
            case LinkPhase.Refused:
                return HelloSentAt is { } refusedAt && now - refusedAt < refusalDelay ? (this, LinkAction.None) : (this, LinkAction.SendHello);
            default:
                return HelloSentAt is { } sentAt && now - sentAt < WelcomeTimeout ? (this, LinkAction.None) : (this, LinkAction.SendHello);
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
}
