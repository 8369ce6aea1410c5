using System.Globalization;

namespace ClickVault.Cluster.Shared.Sql;

/// <summary>Rejects requests that would make an invalid or ambiguous statement, naming the offending input.</summary>
internal static class BackupRequestValidator
{
    public static void Validate(StatementPlan plan)
    {
        ValidateId(plan.Id);
        ArgumentNullException.ThrowIfNull(plan.Location, plan.LocationProperty);
        if (plan.Location.Equals(plan.BaseBackup))
        {
            throw new InvalidBackupRequestException(
                $"BaseBackup {plan.BaseBackup} is the {plan.LocationProperty.ToLowerInvariant()} itself; a backup cannot be its own base.",
                nameof(plan.BaseBackup));
        }

        ValidateElements(plan.Databases, plan.Tables);
        ValidateSettings(plan.Settings, plan.ReservedSettings);
    }

    private static void ValidateId(string id)
    {
        if (string.IsNullOrEmpty(id))
        {
            throw new InvalidBackupRequestException("The backup id is empty; ids look like 20260101T000000Z-1.", "Id");
        }

        var bad = id.AsSpan().IndexOfAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.:-");
        if (bad >= 0)
        {
            throw new InvalidBackupRequestException(string.Create(CultureInfo.InvariantCulture,
                $"The backup id {DisplayText.Quote(id)} holds {DisplayText.Character(id[bad])} at index {bad}; only [A-Za-z0-9_.:-] are allowed."),
                "Id");
        }
    }

    private static void ValidateElements(IReadOnlyList<DatabaseTarget> databases, IReadOnlyList<TableTarget> tables)
    {
        ArgumentNullException.ThrowIfNull(databases, "Databases");
        ArgumentNullException.ThrowIfNull(tables, "Tables");
        if (databases.Count == 0 && tables.Count == 0)
        {
            throw new InvalidBackupRequestException("The request names no database and no table; give at least one.", "Databases");
        }

        var names = new Dictionary<SqlIdentifier, DatabaseTarget>();
        var targets = new HashSet<SqlIdentifier>();
        for (var i = 0; i < databases.Count; i++)
        {
            var database = databases[i] ?? throw Invalid($"Databases[{i}] is null.", "Databases");
            if (!names.TryAdd(database.Name, database))
            {
                throw Invalid($"DATABASE {database.Name} is listed twice.", "Databases");
            }

            if (!targets.Add(database.As ?? database.Name))
            {
                throw Invalid($"Two databases would both be named {database.As ?? database.Name} (Databases[{i}]).", "Databases");
            }

            ValidateExceptTables(database, i);
        }

        if (databases.Count(d => d.ExceptTables.Count > 0) > 1)
        {
            throw Invalid("EXCEPT TABLES is set on more than one database; ClickHouse can parse it on one element only "
                + "(a following comma continues the list). Split the request.", "Databases");
        }

        var tableNames = new HashSet<TableName>();
        var tableTargets = new HashSet<TableName>();
        for (var i = 0; i < tables.Count; i++)
        {
            var table = tables[i] ?? throw Invalid($"Tables[{i}] is null.", "Tables");
            ArgumentNullException.ThrowIfNull(table.Name, $"Tables[{i}].Name");
            if (!tableNames.Add(table.Name))
            {
                throw Invalid($"TABLE {table.Name} is listed twice.", "Tables");
            }

            if (!tableTargets.Add(table.As ?? table.Name))
            {
                throw Invalid($"Two tables would both be named {table.As ?? table.Name} (Tables[{i}]).", "Tables");
            }

            if (names.TryGetValue(table.Name.Database, out var covering) && !covering.ExceptTables.Contains(table.Name.Table))
            {
                throw Invalid($"TABLE {table.Name} is already part of DATABASE {covering.Name}; list it once.", "Tables");
            }
        }
    }

    private static void ValidateExceptTables(DatabaseTarget database, int index)
    {
        ArgumentNullException.ThrowIfNull(database.ExceptTables, $"Databases[{index}].ExceptTables");
        var seen = new HashSet<SqlIdentifier>();
        foreach (var table in database.ExceptTables)
        {
            if (!seen.Add(table))
            {
                throw Invalid($"EXCEPT TABLES of DATABASE {database.Name} lists {table} twice.", "Databases");
            }
        }
    }

    private static void ValidateSettings(IReadOnlyList<SqlSetting> settings, IReadOnlyList<string> reserved)
    {
        ArgumentNullException.ThrowIfNull(settings, "Settings");
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < settings.Count; i++)
        {
            var setting = settings[i] ?? throw Invalid($"Settings[{i}] is null.", "Settings");
            if (reserved.Contains(setting.Name, StringComparer.OrdinalIgnoreCase))
            {
                throw new InvalidSqlSettingException(setting.Name,
                    "it is set by the builder from the request's own properties (Id, BaseBackup, Async, restore flags); remove it from Settings",
                    "Settings");
            }

            if (!seen.Add(setting.Name))
            {
                throw new InvalidSqlSettingException(setting.Name, "it is given twice", "Settings");
            }
        }
    }

    private static InvalidBackupRequestException Invalid(string message, string argumentName) => new(message, argumentName);
}
