using ClickVault.Cluster.Agent.Configuration;
using ClickVault.Cluster.Agent.Tables;
using ClickVault.Cluster.Shared.ClickHouse;
using ClickVault.Cluster.Shared.Protocol;
using Microsoft.Extensions.Logging;

namespace ClickVault.Cluster.Agent.Backups;

/// <summary>
/// Runs the coordinator's commands against the <see cref="IBackupEngine"/>. <see cref="StartBackupAsync"/> is idempotent: an id
/// the server knows (any state) is reported, never started again. A running operation is polled every poll interval on the
/// injected clock; a progress message goes out when its figures change, then exactly one <see cref="BackupCompleted"/> or
/// <see cref="BackupFailed"/>. Every id handled since start-up is remembered for the hello after a reconnect.
/// </summary>
public sealed partial class OperationExecutor : IAsyncDisposable
{
    /// <summary>Backups whose tables' figures are kept for their reports (see <see cref="ForgetOldEvidence"/>).</summary>
    internal const int KeptEvidence = 8;

    private readonly IBackupEngine _engine;
    private readonly ILocalTables? _tables;
    private readonly IAgentOutbox _outbox;
    private readonly TimeProvider _time;
    private readonly AgentOptions _options;
    private readonly ILogger<OperationExecutor> _logger;
    private readonly SemaphoreSlim _commands = new(1, 1);
    private readonly CancellationTokenSource _lifetime = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<OperationId, Tracked> _tracked = [];
    private readonly List<OperationId> _order = [];
    private int _disposed;

    /// <param name="tables">Reads the backed-up tables' metadata for each backup's evidence; null records none.</param>
    public OperationExecutor(
        IBackupEngine engine, IAgentOutbox outbox, TimeProvider time, AgentOptions options, ILogger<OperationExecutor> logger, ILocalTables? tables = null)
    {
        _engine = engine;
        _tables = tables;
        _outbox = outbox;
        _time = time;
        _options = options;
        _logger = logger;
    }

    /// <summary>Reports a known id, or starts the backup; then watches it until it ends.</summary>
    public Task StartBackupAsync(StartBackup message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return StartAsync(new Starting(message.OperationId, "backup", message.PollInterval, message.Databases, message.Destination,
            ct => _engine.StartAsync(BackupCommand.From(message), ct), message.ClickHouseUnreachableTimeout), cancellationToken);
    }

    /// <summary>Reports a known id, or starts the operation; then watches it until it ends.</summary>
    private async Task StartAsync(Starting start, CancellationToken cancellationToken)
    {
        var id = start.Id;
        var poll = start.PollInterval > TimeSpan.Zero ? start.PollInterval : _options.PollInterval;
        await _commands.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Find(id) is { Watcher.IsCompleted: false } watched)
            {
                Log.AlreadyHandled(_logger, id.Value, watched.Last.State);
                _outbox.Post(Message(watched));
                return;
            }

            OperationReport known;
            try
            {
                known = await _engine.FindAsync(id, cancellationToken).ConfigureAwait(false);
            }
            catch (ClickHouseException e)
            {
                Refuse(id, $"{start.Verb} {id} not started: the local ClickHouse cannot be asked about it: {e.Message}");
                return;
            }

            if (known.State != OperationState.Unknown)
            {
                if (await ElsewhereAsync(start, cancellationToken).ConfigureAwait(false) is { } elsewhere)
                {
                    // Same id, another place: reporting that operation would record a backup where there is none.
                    Log.IdTaken(_logger, id.Value, elsewhere);
                    Refuse(id, $"{start.Verb} {id} not started: this server already has an operation with id {id} on {elsewhere}, " +
                        $"not on {start.Location.Key} (another coordinator or storage prefix used the same id); it is not reported as this {start.Verb}",
                        foreign: true);
                    return;
                }

                Log.AlreadyKnown(_logger, id.Value, known.State);
                Adopt(known, poll, backup: await EvidenceAsync(start, Find(id), cancellationToken).ConfigureAwait(false));
                return;
            }

            if (Find(id) is { Observed: true } forgotten)
            {
                // It ran here and the server has since forgotten it (restart): report what we saw, never run it twice.
                Log.AlreadyHandled(_logger, id.Value, forgotten.Last.State);
                _outbox.Post(Message(forgotten));
                return;
            }

            await StartNewAsync(start, poll, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _commands.Release();
        }
    }

    /// <summary>Kills a running operation and reports its state (the watcher reports its end).</summary>
    public async Task CancelAsync(CancelOperation message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var id = message.OperationId;
        await _commands.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Find(id) is { Foreign: true } foreign)
            {
                // The server's operation under this id is not ours: never kill it.
                _outbox.Post(new OperationStatus([foreign.Last]));
                return;
            }

            OperationReport report;
            try
            {
                var killed = await _engine.CancelAsync(id, cancellationToken).ConfigureAwait(false);
                Log.CancelRequested(_logger, id.Value, killed);
                report = await _engine.FindAsync(id, cancellationToken).ConfigureAwait(false);
            }
            catch (ClickHouseException e)
            {
                Log.CancelFailed(_logger, id.Value, e.Message);
                report = Find(id)?.Last ?? OperationReports.Unknown(id.Value, $"cannot cancel: the local ClickHouse is unreachable: {e.Message}");
                _outbox.Post(new OperationStatus([report]));
                return;
            }

            var tracked = Find(id);
            if (tracked is null && report.State != OperationState.Unknown)
            {
                Adopt(report, _options.PollInterval, announce: false);
            }
            else if (tracked is not null && report.State == OperationState.Unknown)
            {
                report = tracked.Last;
            }

            _outbox.Post(new OperationStatus([WithEvidence(Find(id), report)]));
        }
        finally
        {
            _commands.Release();
        }
    }

    /// <summary>Stops watching (operations keep running on the server).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _lifetime.CancelAsync().ConfigureAwait(false);
        Task[] watchers;
        lock (_gate)
        {
            watchers = _tracked.Values.Select(t => t.Watcher).OfType<Task>().ToArray();
        }

        await Task.WhenAll(watchers).ConfigureAwait(false);
    }

    /// <summary>The watch of an operation (completed when it is not watched), for tests.</summary>
    internal Task WatcherOf(OperationId id) => Find(id)?.Watcher ?? Task.CompletedTask;

    private async Task<OperationReport> CurrentAsync(OperationId id, OperationReport? last, CancellationToken cancellationToken)
    {
        try
        {
            var report = await _engine.FindAsync(id, cancellationToken).ConfigureAwait(false);
            return report.State == OperationState.Unknown && last is not null ? last : report;
        }
        catch (ClickHouseException e)
        {
            return last ?? OperationReports.Unknown(id.Value, $"the local ClickHouse is unreachable: {e.Message}");
        }
    }

    private Tracked? Find(OperationId id)
    {
        lock (_gate)
        {
            return _tracked.GetValueOrDefault(id);
        }
    }

    /// <summary>Remembers the operation, announces its report, and watches it while it runs.</summary>
    private void Adopt(OperationReport report, TimeSpan poll, bool announce = true, bool observed = true, BackupWatch? backup = null, bool foreign = false)
    {
        var id = new OperationId(report.OperationId);
        Tracked tracked;
        lock (_gate)
        {
            if (!_tracked.TryGetValue(id, out var existing))
            {
                _order.Add(id);
            }

            tracked = existing ?? new Tracked();
            tracked.Last = report;
            tracked.Databases ??= backup?.Databases;
            tracked.Tables ??= backup?.Tables;
            tracked.UnreachableTimeout ??= backup?.UnreachableTimeout;
            tracked.Foreign = foreign;
            tracked.Observed |= observed;
            _tracked[id] = tracked;
            ForgetOldEvidence();
        }

        if (announce)
        {
            Announce(tracked);
        }

        if (!report.IsFinished)
        {
            tracked.Watcher = WatchAsync(id, tracked, poll, _lifetime.Token);
        }
    }

    /// <summary>
    /// Keeps the figures of the newest <see cref="KeptEvidence"/> backups only: every report carries them (the hello lists every
    /// operation handled since start-up), and a coordinator runs one backup per shard at a time, so older ones were recorded
    /// long ago. Called under the gate.
    /// </summary>
    private void ForgetOldEvidence()
    {
        var withEvidence = _order.Select(i => _tracked[i]).Where(t => t.Tables is not null).ToList();
        foreach (var old in withEvidence.Take(withEvidence.Count - KeptEvidence))
        {
            old.Tables = null;
            old.Databases = null;
        }
    }

    /// <param name="foreign">The server's operation under this id belongs to someone else (see <see cref="Tracked.Foreign"/>).</param>
    private void Refuse(OperationId id, string reason, bool foreign = false)
    {
        Adopt(OperationReports.Refused(id, reason), TimeSpan.Zero, observed: false, foreign: foreign);
    }
}
