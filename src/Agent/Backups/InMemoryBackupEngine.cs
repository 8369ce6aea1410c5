using ClickVault.Cluster.Agent.Configuration;
using ClickVault.Cluster.Agent.Restores;
using ClickVault.Cluster.Shared.ClickHouse;
using ClickVault.Cluster.Shared.Protocol;

namespace ClickVault.Cluster.Agent.Backups;

/// <summary>
/// The in-memory twin of <see cref="ClickHouseBackupEngine"/> for fast logic tests, passing the same contract: a backup runs
/// for <see cref="Duration"/> on the injected clock (figures grow linearly, then BACKUP_CREATED), a missing database fails it
/// with ClickHouse's text, a known id is refused as ClickHouse refuses it, and only a running operation can be cancelled.
/// Extra knobs let tests make the server refuse, fail, forget (restart) or stop answering.
/// </summary>
public sealed class InMemoryBackupEngine : IBackupEngine
{
    /// <summary>Files a finished backup reports; running ones report the elapsed share of it.</summary>
    public const ulong FilesPerBackup = 40;

    /// <summary>Bytes a finished backup reports.</summary>
    public const ulong BytesPerBackup = 4_000_000;

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly DestinationOptions _destination;
    private readonly HashSet<string> _databases;
    private readonly Dictionary<OperationId, Operation> _operations = [];
    private readonly Dictionary<DestinationSpec, OperationId?> _backups = [];
    private readonly List<string> _statements = [];
    private string? _refuseNext;
    private bool _unreachable;
    private bool _dieDuringNextStart;

    public InMemoryBackupEngine(TimeProvider time, IEnumerable<string> databases, TimeSpan duration, DestinationOptions? destination = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        _time = time;
        _databases = databases.ToHashSet(StringComparer.Ordinal);
        _destination = destination ?? new DestinationOptions();
        Duration = duration;
    }

    /// <summary>How long each backup runs on the injected clock.</summary>
    public TimeSpan Duration { get; }

    /// <summary>The redacted statements of every accepted start, in order: one per BACKUP the server really ran.</summary>
    public IReadOnlyList<string> Statements
    {
        get
        {
            lock (_gate)
            {
                return _statements.ToArray();
            }
        }
    }

    /// <summary>While true every call fails as if ClickHouse were down.</summary>
    public bool Unreachable
    {
        get
        {
            lock (_gate)
            {
                return _unreachable;
            }
        }

        set
        {
            lock (_gate)
            {
                _unreachable = value;
            }
        }
    }

    /// <summary>The next start reaches the server, which then goes down before it answers (<see cref="Unreachable"/> turns true).</summary>
    public void DieDuringNextStart()
    {
        lock (_gate)
        {
            _dieDuringNextStart = true;
        }
    }

    /// <summary>The next start is refused synchronously with <paramref name="serverText"/>, as ClickHouse refuses a statement.</summary>
    public void RefuseNextStart(string serverText)
    {
        lock (_gate)
        {
            _refuseNext = serverText;
        }
    }

    /// <summary>A running operation fails now with <paramref name="error"/> (e.g. the S3 server went away).</summary>
    public void Fail(OperationId id, string error)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var operation = _operations[id];
            if (!operation.ReportAt(now).IsFinished)
            {
                operation.End(OperationState.Failed, error, now);
            }
        }
    }

    /// <summary>Forgets every operation, as a server restart empties system.backups.</summary>
    public void Restart()
    {
        lock (_gate)
        {
            // Backups that were created stay restorable (they are in S3); the server forgets the operations.
            var now = _time.GetUtcNow();
            foreach (var (destination, id) in _backups.ToList())
            {
                _backups[destination] = id is { } known && _operations[known].ReportAt(now).State == OperationState.Succeeded ? null : id;
            }

            foreach (var (destination, _) in _backups.Where(b => b.Value is not null).ToList())
            {
                _backups.Remove(destination);
            }

            _operations.Clear();
        }
    }

    public Task StartAsync(BackupCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        cancellationToken.ThrowIfCancellationRequested();
        var rendered = BackupCommandSql.Render(command, _destination);
        var missing = command.Databases.FirstOrDefault(d => !_databases.Contains(d));
        var location = BackupCommandSql.Resolve(command.Id, command.Destination, _destination, "destination").ToRedactedSql();
        Start(command.Id, "backup", rendered, location, missing is null ? null : $"Code: 81. DB::Exception: Database {missing} does not exist. (UNKNOWN_DATABASE)");
        lock (_gate)
        {
            _backups[Normalized(command.Destination)] = command.Id;
        }

        return Task.CompletedTask;
    }

    /// <summary>Restores run like backups; one from a destination no backup succeeded at fails with ClickHouse's BACKUP_NOT_FOUND.</summary>
    public Task StartRestoreAsync(RestoreCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        cancellationToken.ThrowIfCancellationRequested();
        var rendered = RestoreCommandSql.Render(command, _destination);
        var source = command.Restore.Source;
        bool found;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            found = _backups.TryGetValue(Normalized(source), out var backup)
                && (backup is null || _operations[backup.Value].ReportAt(now).State == OperationState.Succeeded);
        }

        var location = BackupCommandSql.Resolve(command.Id, source, _destination, "source", "restore").ToRedactedSql();
        Start(command.Id, "restore", rendered, location, found ? null : $"Code: 599. DB::Exception: Backup {location} not found. (BACKUP_NOT_FOUND)");
        return Task.CompletedTask;
    }

    private void Start(OperationId id, string verb, RenderedBackup rendered, string name, string? failure)
    {
        lock (_gate)
        {
            ThrowIfUnreachable();
            if (_refuseNext is { } text)
            {
                _refuseNext = null;
                throw new BackupRefusedException(id, text);
            }

            if (_operations.ContainsKey(id))
            {
                throw new BackupRefusedException(id,
                    $"Code: 36. DB::Exception: Cannot start {verb} with ID '{id}' because there is another {verb} with the same ID. (BAD_ARGUMENTS)");
            }

            var operation = new Operation(id, name, Guid.NewGuid().ToString(), _time.GetUtcNow(), Duration);
            if (failure is not null)
            {
                operation.End(OperationState.Failed, failure, operation.StartedAt);
            }

            _operations[id] = operation;
            _statements.Add(rendered.Statement.Redacted);
            if (_dieDuringNextStart)
            {
                // The server took the statement and died before it answered.
                _dieDuringNextStart = false;
                _unreachable = true;
                ThrowIfUnreachable();
            }
        }
    }

    private DestinationSpec Normalized(DestinationSpec spec) => spec.Kind == DestinationKind.Disk ? spec with { Disk = spec.Disk ?? _destination.Disk } : spec;

    public Task<OperationReport> FindAsync(OperationId id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            ThrowIfUnreachable();
            return Task.FromResult(_operations.TryGetValue(id, out var operation)
                ? operation.ReportAt(_time.GetUtcNow())
                : OperationReports.Unknown(id.Value));
        }
    }

    public Task<string?> FindElsewhereAsync(OperationId id, DestinationSpec location, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            ThrowIfUnreachable();
            return Task.FromResult(_operations.TryGetValue(id, out var operation)
                ? BackupCommandSql.Elsewhere(id, operation.Name, location, _destination)
                : null);
        }
    }

    public Task<bool> CancelAsync(OperationId id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            ThrowIfUnreachable();
            var now = _time.GetUtcNow();
            if (!_operations.TryGetValue(id, out var operation) || operation.ReportAt(now).IsFinished)
            {
                return Task.FromResult(false);
            }

            operation.End(OperationState.Cancelled, "Code: 394. DB::Exception: Query was cancelled. (QUERY_WAS_CANCELLED)", now);
            return Task.FromResult(true);
        }
    }

    private void ThrowIfUnreachable()
    {
        if (_unreachable)
        {
            throw new ClickHouseUnavailableException(
                "ClickHouse at http://in-memory/ is unreachable: Connection refused", new HttpRequestException("Connection refused"));
        }
    }

    private sealed class Operation(OperationId id, string name, string queryId, DateTimeOffset startedAt, TimeSpan duration)
    {
        private (OperationState State, string Error, DateTimeOffset At)? _end;

        /// <summary>The backup it writes or reads, as system.backups names it.</summary>
        public string Name { get; } = name;

        public DateTimeOffset StartedAt { get; } = startedAt;

        public void End(OperationState state, string error, DateTimeOffset at) => _end ??= (state, error, at);

        public OperationReport ReportAt(DateTimeOffset now)
        {
            var finishedAt = StartedAt + duration;
            if (_end is null && now >= finishedAt)
            {
                return Report(OperationState.Succeeded, string.Empty, 1.0, finishedAt) with { CompressedSize = BytesPerBackup, TotalSize = BytesPerBackup };
            }

            var until = _end?.At ?? now;
            var share = duration <= TimeSpan.Zero ? 1.0 : Math.Clamp((until - StartedAt) / duration, 0.0, 1.0);
            return _end is { } end
                ? Report(end.State, end.Error, end.State == OperationState.Failed && until == StartedAt ? 0 : share, end.At)
                : Report(OperationState.Running, string.Empty, share, null);
        }

        private OperationReport Report(OperationState state, string error, double share, DateTimeOffset? finished)
        {
            var files = (ulong)(FilesPerBackup * share);
            var bytes = (ulong)(BytesPerBackup * share);
            return new OperationReport(id.Value, state, error, queryId, files, files, 0, bytes, 0, 0, 0, StartedAt, finished);
        }
    }
}
