namespace ClickVault.Cluster.Shared.Sql;

/// <summary>
/// Builds ClickHouse <c>BACKUP</c> / <c>RESTORE</c> statements in the grammar
/// <c>BACKUP|RESTORE element[, ...] TO|FROM destination SETTINGS id = '...'[, base_backup = destination][, ...] [ASYNC]</c>
/// (no <c>ON CLUSTER</c>: each shard's statement runs on one replica). Pure functions; every request is validated
/// first and rejected with <see cref="InvalidBackupRequestException"/> or <see cref="InvalidSqlSettingException"/>.
/// </summary>
public static class BackupSqlBuilder
{
    private const string AllowNonEmptyTables = "allow_non_empty_tables";
    private const string StructureOnly = "structure_only";

    public static SqlStatement Backup(BackupRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Build(new StatementPlan(
            "BACKUP", "TO", nameof(request.Destination), request.Id, request.Destination, request.BaseBackup,
            request.Databases, request.Tables, ["id", "base_backup", "async"], [], request.Settings, request.Async));
    }

    public static SqlStatement Restore(RestoreRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var flags = new List<SqlSetting>(2);
        if (request.AllowNonEmptyTables)
        {
            flags.Add(new SqlSetting(AllowNonEmptyTables, true));
        }

        if (request.StructureOnly)
        {
            flags.Add(new SqlSetting(StructureOnly, true));
        }

        return Build(new StatementPlan(
            "RESTORE", "FROM", nameof(request.Source), request.Id, request.Source, request.BaseBackup,
            request.Databases, request.Tables, ["id", "base_backup", "async", AllowNonEmptyTables, StructureOnly], flags,
            request.Settings, request.Async));
    }

    private static SqlStatement Build(StatementPlan plan)
    {
        BackupRequestValidator.Validate(plan);
        var elements = string.Join(", ", plan.Databases.Where(d => d.ExceptTables.Count == 0).Select(Element)
            .Concat(plan.Tables.Select(Element))
            .Concat(plan.Databases.Where(d => d.ExceptTables.Count > 0).Select(Element)));
        return new SqlStatement(Render(plan, elements, redacted: false), Render(plan, elements, redacted: true));
    }

    private static string Render(StatementPlan plan, string elements, bool redacted)
    {
        var settings = new List<string> { $"id = {SqlLiteral.Quote(plan.Id)}" };
        if (plan.BaseBackup is not null)
        {
            settings.Add($"base_backup = {plan.BaseBackup.Render(redacted)}");
        }

        settings.AddRange(plan.FixedSettings.Concat(plan.Settings).Select(s => s.Render(redacted)));
        var async = plan.Async ? " ASYNC" : string.Empty;
        return $"{plan.Verb} {elements} {plan.Direction} {plan.Location.Render(redacted)} SETTINGS {string.Join(", ", settings)}{async}";
    }

    private static string Element(DatabaseTarget database)
    {
        var rename = database.As is { } name ? $" AS {name.Quote()}" : string.Empty;
        var except = database.ExceptTables.Count == 0
            ? string.Empty
            : " EXCEPT TABLES " + string.Join(", ", database.ExceptTables.Select(t => new TableName(database.Name, t).Quote()));
        return $"DATABASE {database.Name.Quote()}{rename}{except}";
    }

    private static string Element(TableTarget table) =>
        table.As is { } name ? $"TABLE {table.Name.Quote()} AS {name.Quote()}" : $"TABLE {table.Name.Quote()}";
}

/// <summary>The parts shared by backup and restore statements, named after the request properties for errors.</summary>
internal sealed record StatementPlan(
    string Verb,
    string Direction,
    string LocationProperty,
    string Id,
    BackupDestination Location,
    BackupDestination? BaseBackup,
    IReadOnlyList<DatabaseTarget> Databases,
    IReadOnlyList<TableTarget> Tables,
    IReadOnlyList<string> ReservedSettings,
    IReadOnlyList<SqlSetting> FixedSettings,
    IReadOnlyList<SqlSetting> Settings,
    bool Async);
