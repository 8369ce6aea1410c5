using ClickVault.Cluster.Coordinator.Journal;
using ClickVault.Cluster.Coordinator.Membership;
using ClickVault.Cluster.Coordinator.Runs;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Protocol;
using Microsoft.Extensions.Logging;

namespace ClickVault.Cluster.Coordinator.Restores;

/// <summary>What a restore actor works with; one instance per coordinator.</summary>
public sealed record RestoreServices(
    AgentRegistry Registry, AgentRequests Requests, RunEventHub Events, RestoreUsage Usage, TimeSpan PollInterval, JournalDocument<RestoreState> Journal,
    TimeProvider Time, ILoggerFactory Loggers);

/// <summary>Operator → restores: a fresh restore id. Reply: <see cref="RestoreId"/>.</summary>
public sealed record AllocateRestoreId;

/// <summary>Operator → restores: run this planned restore. Reply: <see cref="RestoreAccepted"/> or <see cref="RestoreRejected"/>.</summary>
public sealed record BeginRestore(RestoreState Plan);

public sealed record RestoreAccepted(RestoreView Restore);

public sealed record RestoreRejected(string Code, string Message);

/// <summary>Reply: <see cref="RestoreLookup"/>.</summary>
public sealed record GetRestore(string RestoreId);

public sealed record RestoreLookup(RestoreView? Restore);

/// <summary>Reply: the active restore and recent ones, newest first, as <see cref="IReadOnlyList{RestoreView}"/>.</summary>
public sealed record GetRestores;

/// <summary>Agent link → restores: an agent reported on a restore operation (<see cref="Error"/> from <see cref="RestoreFailed"/>).</summary>
public sealed record RestoreAgentReported(string Shard, string Replica, OperationReport Report, string? Error = null);

/// <summary>Agent link → restores: an agent (re)connected; a restore asks it about its operations.</summary>
public sealed record RestoreAgentJoined(string Shard, string Replica);

/// <summary>Restore actor → parent: the restore's state after a change.</summary>
public sealed record RestoreSnapshot(RestoreState Restore);

/// <summary>Restore actor → parent: the restore finished.</summary>
public sealed record RestoreEnded(RestoreState Restore);

/// <summary>Restore actor → self: start working.</summary>
internal sealed record BeginRestoreWork;
