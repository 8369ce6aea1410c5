using ClickVault.Cluster.Agent.Configuration;
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
    private readonly List<string> _statements = [];
    private string? _refuseNext;
    private bool _unreachable;

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
            _operations.Clear();
        }
    }

    public Task StartAsync(BackupCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        cancellationToken.ThrowIfCancellationRequested();
        var rendered = BackupCommandSql.Render(command, _destination);
        lock (_gate)
        {
            ThrowIfUnreachable();
            if (_refuseNext is { } text)
            {
                _refuseNext = null;
                throw new BackupRefusedException(command.Id, text);
            }

            if (_operations.ContainsKey(command.Id))
            {
                throw new BackupRefusedException(command.Id,
                    $"Code: 36. DB::Exception: Cannot start backup with ID '{command.Id}' because there is another backup with the same ID. (BAD_ARGUMENTS)");
            }

            var missing = command.Databases.FirstOrDefault(d => !_databases.Contains(d));
            var operation = new Operation(command.Id, Guid.NewGuid().ToString(), _time.GetUtcNow(), Duration);
            if (missing is not null)
            {
                operation.End(OperationState.Failed, $"Code: 81. DB::Exception: Database {missing} does not exist. (UNKNOWN_DATABASE)", operation.StartedAt);
            }

            _operations[command.Id] = operation;
            _statements.Add(rendered.Statement.Redacted);
        }

        return Task.CompletedTask;
    }

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

    private sealed class Operation(OperationId id, string queryId, DateTimeOffset startedAt, TimeSpan duration)
    {
        private (OperationState State, string Error, DateTimeOffset At)? _end;

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
