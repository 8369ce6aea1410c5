using System.Globalization;
using System.Text.Json.Serialization;
using ClickVault.Cluster.Agent.Configuration;
using ClickVault.Cluster.Agent.Restores;
using ClickVault.Cluster.Shared.ClickHouse;
using ClickVault.Cluster.Shared.Protocol;
using Microsoft.Extensions.Logging;

namespace ClickVault.Cluster.Agent.Backups;

/// <summary>
/// <see cref="IBackupEngine"/> on the local ClickHouse: <c>BACKUP ... ASYNC</c> from <see cref="BackupCommandSql"/>, operations
/// from <c>system.backups</c> (in memory) and then <c>system.backup_log</c> (absent on many servers: any error reading it
/// means "unknown"), cancel by <c>KILL QUERY</c> on the operation's query id. Logs only redacted SQL.
/// </summary>
public sealed partial class ClickHouseBackupEngine : IBackupEngine
{
    private readonly IClickHouseClient _client;
    private readonly DestinationOptions _destination;
    private readonly SystemBackups _backups;
    private readonly ILogger<ClickHouseBackupEngine> _logger;

    public ClickHouseBackupEngine(IClickHouseClient client, DestinationOptions destination, TimeProvider time, ILogger<ClickHouseBackupEngine> logger)
    {
        _client = client;
        _destination = destination;
        _backups = new SystemBackups(client, time);
        _logger = logger;
    }

    public Task StartAsync(BackupCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return ExecuteAsync(command.Id, "backup", BackupCommandSql.Render(command, _destination), cancellationToken);
    }

    public Task StartRestoreAsync(RestoreCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return ExecuteAsync(command.Id, "restore", RestoreCommandSql.Render(command, _destination), cancellationToken);
    }

    private async Task ExecuteAsync(OperationId id, string verb, RenderedBackup rendered, CancellationToken cancellationToken)
    {
        Log.Starting(_logger, verb, id.Value, rendered.Statement.Redacted);
        try
        {
            await _client.ExecuteAsync(new ClickHouseQuery(rendered.Statement.Text) { Secrets = rendered.Secrets }, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (ClickHouseServerException e)
        {
            throw new BackupRefusedException(id, OperationReports.Summary(e.ServerMessage), e);
        }
    }

    public async Task<OperationReport> FindAsync(OperationId id, CancellationToken cancellationToken)
    {
        var operation = await _backups.FindAsync(id.Value, cancellationToken).ConfigureAwait(false);
        return operation is null
            ? await FindInLogAsync(id, cancellationToken).ConfigureAwait(false)
            : OperationReports.From(operation);
    }

    public async Task<string?> FindElsewhereAsync(OperationId id, DestinationSpec location, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        var operation = await _backups.FindAsync(id.Value, cancellationToken).ConfigureAwait(false) ?? await FindLoggedAsync(id, cancellationToken).ConfigureAwait(false);
        return operation is null ? null : BackupCommandSql.Elsewhere(id, operation.Name, location, _destination);
    }

    public async Task<bool> CancelAsync(OperationId id, CancellationToken cancellationToken)
    {
        var operation = await _backups.FindAsync(id.Value, cancellationToken).ConfigureAwait(false);
        if (operation is null || operation.IsFinished)
        {
            return false;
        }

        var killed = await _client.QueryAsync(
            new ClickHouseQuery("KILL QUERY WHERE query_id = {q:String} ASYNC") { Parameters = [QueryParameter.String("q", operation.QueryId)] },
            EngineJson.Default.KillRow, cancellationToken).ConfigureAwait(false);
        Log.KillIssued(_logger, id.Value, operation.QueryId, killed.Count);
        return killed.Count > 0;
    }

    private async Task<OperationReport> FindInLogAsync(OperationId id, CancellationToken cancellationToken) =>
        await FindLoggedAsync(id, cancellationToken).ConfigureAwait(false) is { } logged
            ? OperationReports.From(logged)
            : OperationReports.Unknown(id.Value);

    private async Task<BackupOperation?> FindLoggedAsync(OperationId id, CancellationToken cancellationToken)
    {
        try
        {
            return await _backups.FindInLogAsync(id.Value, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ClickHouseServerException or ClickHouseProtocolException)
        {
            Log.BackupLogUnreadable(_logger, id.Value, e.Message);
            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2021, Level = LogLevel.Information, Message = "starting {Verb} {OperationId}: {Sql}")]
        public static partial void Starting(ILogger logger, string verb, string operationId, string sql);

        [LoggerMessage(EventId = 2022, Level = LogLevel.Information, Message = "cancel of {OperationId}: KILL QUERY on query {QueryId} matched {Count} queries")]
        public static partial void KillIssued(ILogger logger, string operationId, string queryId, int count);

        [LoggerMessage(EventId = 2023, Level = LogLevel.Debug, Message = "operation {OperationId} not in system.backups and system.backup_log is unreadable, so unknown: {Reason}")]
        public static partial void BackupLogUnreadable(ILogger logger, string operationId, string reason);
    }
}

internal sealed record KillRow(
    [property: JsonPropertyName("kill_status")] string KillStatus,
    [property: JsonPropertyName("query_id")] string QueryId);

[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(KillRow))]
internal sealed partial class EngineJson : JsonSerializerContext;
