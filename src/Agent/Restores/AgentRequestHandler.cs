using ClickVault.Cluster.Agent.Backups;
using ClickVault.Cluster.Agent.Configuration;
using ClickVault.Cluster.Agent.Tables;
using ClickVault.Cluster.Shared.ClickHouse;
using ClickVault.Cluster.Shared.Protocol;
using Microsoft.Extensions.Logging;

namespace ClickVault.Cluster.Agent.Restores;

/// <summary>
/// Answers the coordinator's requests (<see cref="IAgentRequest"/>) with exactly one reply of the same request id: the
/// RESTORE statement this agent would run (masked), its tables with engines and rows (and checksums), drops. A failure
/// becomes the reply's error, never an exception to the session.
/// </summary>
public sealed partial class AgentRequestHandler(ILocalTables tables, DestinationOptions destination, ILogger<AgentRequestHandler> logger)
{
    public async Task<ProtocolMessage> AnswerAsync(IAgentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        switch (request)
        {
            case RenderRestore render:
                try
                {
                    var rendered = RestoreCommandSql.Render(new RestoreCommand(render.OperationId, render.Restore), destination);
                    return new RestoreRendered(render.RequestId, rendered.Statement.Redacted, null);
                }
                catch (BackupRefusedException e)
                {
                    return new RestoreRendered(render.RequestId, null, e.Message);
                }

            case InspectTables inspect:
                try
                {
                    var figures = inspect.Parts
                        ? await InspectPartsAsync(inspect, cancellationToken).ConfigureAwait(false)
                        : await tables.InspectAsync(inspect.Databases, inspect.Checksums, cancellationToken).ConfigureAwait(false);
                    return new TablesInspected(inspect.RequestId, figures, null);
                }
                catch (Exception e) when (e is ClickHouseException or ArgumentException)
                {
                    Log.Failed(logger, nameof(InspectTables), inspect.RequestId.Value, e.Message);
                    return new TablesInspected(inspect.RequestId, [], $"cannot inspect the tables: {e.Message}");
                }

            case DropTables drop:
                try
                {
                    var result = await tables.DropAsync(drop.Tables, drop.Databases, cancellationToken).ConfigureAwait(false);
                    Log.Dropped(logger, drop.RequestId.Value, string.Join(", ", result.Tables), string.Join(", ", result.Databases), result.Error ?? "none");
                    return new TablesDropped(drop.RequestId, result.Tables, result.Databases,
                        result.Error is null ? null : $"dropping stopped at the first failure: {result.Error}");
                }
                catch (ArgumentException e)
                {
                    return new TablesDropped(drop.RequestId, [], [], $"nothing dropped: {e.Message}");
                }

            case ListDatabases list:
                try
                {
                    return new DatabasesListed(list.RequestId, await tables.DatabasesAsync(list.Prefix, cancellationToken).ConfigureAwait(false), null);
                }
                catch (Exception e) when (e is ClickHouseException or ArgumentException)
                {
                    Log.Failed(logger, nameof(ListDatabases), list.RequestId.Value, e.Message);
                    return new DatabasesListed(list.RequestId, [], $"cannot list the databases: {e.Message}");
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(request), request.GetType().Name, "not a request this agent answers");
        }
    }

    /// <summary>
    /// Parts and CHECK TABLE; with checksums also every row read, counted and summed (verify --content, on scratch copies): the
    /// rows are then those counted by reading, so a verification compares what reading found with what the backup recorded.
    /// </summary>
    private async Task<IReadOnlyList<TableFigures>> InspectPartsAsync(InspectTables inspect, CancellationToken cancellationToken)
    {
        var snapshot = await tables.SnapshotAsync(inspect.Databases, integrity: true, cancellationToken).ConfigureAwait(false);
        if (!inspect.Checksums)
        {
            return snapshot;
        }

        var read = (await tables.InspectAsync(inspect.Databases, checksums: true, cancellationToken).ConfigureAwait(false)).ToDictionary(t => t.ToRef());
        return [.. snapshot.Select(t => read.TryGetValue(t.ToRef(), out var r) ? t with { Rows = r.Rows, Checksum = r.Checksum, Note = r.Note ?? t.Note } : t)];
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2081, Level = LogLevel.Warning, Message = "{Request} {RequestId} failed: {Reason}")]
        public static partial void Failed(ILogger logger, string request, string requestId, string reason);

        [LoggerMessage(EventId = 2082, Level = LogLevel.Information, Message = "drop {RequestId}: dropped tables [{Tables}], databases [{Databases}]; error: {Error}")]
        public static partial void Dropped(ILogger logger, string requestId, string tables, string databases, string error);
    }
}
