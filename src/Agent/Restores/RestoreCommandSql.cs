using ClickVault.Cluster.Agent.Backups;
using ClickVault.Cluster.Agent.Configuration;
using ClickVault.Cluster.Shared.Protocol;
using ClickVault.Cluster.Shared.Sql;

namespace ClickVault.Cluster.Agent.Restores;

/// <summary>One restore to run: what the coordinator's <see cref="StartRestore"/> asks for, credentials not included.</summary>
public sealed record RestoreCommand(OperationId Id, RestoreSpec Restore)
{
    public static RestoreCommand From(StartRestore message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(message.OperationId, message.Restore);
    }
}

/// <summary>
/// Turns a <see cref="RestoreCommand"/> into <c>RESTORE DATABASE|TABLE ... FROM ... SETTINGS id = ... ASYNC</c> with the agent's
/// own destination settings (as <see cref="BackupCommandSql"/> does for backups). Every name becomes a validated
/// <see cref="SqlIdentifier"/>; a bad name or an impossible combination is refused with the reason.
/// </summary>
public static class RestoreCommandSql
{
    /// <exception cref="BackupRefusedException">The command cannot become a valid statement on this agent.</exception>
    public static RenderedBackup Render(RestoreCommand command, DestinationOptions destination)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(destination);
        var spec = command.Restore;
        try
        {
            SqlIdentifier? rename = spec.AsDatabase is { } asDatabase ? SqlIdentifier.Create(asDatabase, "as_database") : null;
            var databases = spec.Databases.Select((db, i) => SqlIdentifier.Create(db, $"databases[{i}]")).ToList();
            var except = spec.ExceptTables.Select((t, i) => Table(t, $"except_tables[{i}]")).ToList();
            if (except.FirstOrDefault(t => !databases.Contains(t.Database)) is { } stray)
            {
                throw new ArgumentException($"except_tables names {stray}, whose database is not restored as a whole", "except_tables");
            }

            var request = new RestoreRequest
            {
                Id = command.Id.Value,
                Source = BackupCommandSql.Resolve(command.Id, spec.Source, destination, "source", "restore"),
                Databases = [.. databases.Select(d => new DatabaseTarget(d)
                {
                    As = rename,
                    ExceptTables = [.. except.Where(t => t.Database == d).Select(t => t.Table)],
                })],
                Tables = [.. spec.Tables.Select((t, i) => Table(t, $"tables[{i}]")).Select(t => new TableTarget(t)
                {
                    As = rename is { } target ? new TableName(target, t.Table) : null,
                })],
                Async = true,
            };
            if (spec.AccessEntities is { } mode)
            {
                request = AccessEntities.Including(request, mode);
            }
            return new RenderedBackup(BackupSqlBuilder.Restore(request), BackupCommandSql.Secrets(destination, spec.Source));
        }
        catch (ArgumentException e)
        {
            throw new BackupRefusedException(command.Id, $"the agent refused restore {command.Id}: {e.Message}", e);
        }
    }

    private static TableName Table(TableRef table, string name) =>
        new(SqlIdentifier.Create(table.Database, name + ".database"), SqlIdentifier.Create(table.Table, name + ".table"));
}
