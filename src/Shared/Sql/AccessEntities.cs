namespace ClickVault.Cluster.Shared.Sql;

/// <summary>How <c>RESTORE</c> creates access entities that already exist on the server (<c>SETTINGS create_access</c>).</summary>
public enum AccessCreationMode
{
    /// <summary><c>create</c>: fail when an entity of the same name exists (ClickHouse's default).</summary>
    Create,

    /// <summary><c>create-if-not-exists</c>: keep an existing entity as it is.</summary>
    CreateIfNotExists,

    /// <summary><c>replace</c>: replace an existing entity with the one from the backup.</summary>
    Replace,
}

/// <summary>
/// SQL-managed access entities (users, roles, settings profiles, row policies, quotas) in a backup: ClickHouse backs
/// them up and restores them as the tables <c>system.users</c>, <c>system.roles</c>, <c>system.settings_profiles</c>,
/// <c>system.row_policies</c> and <c>system.quotas</c>, listed alongside the databases. Only entities of a writable
/// (SQL-managed) access storage are included; users from <c>users.xml</c> are configuration, not data.
/// </summary>
public static class AccessEntities
{
    /// <summary>The element tables, in the order they render.</summary>
    public static IReadOnlyList<TableName> Tables { get; } =
    [
        System("users"),
        System("roles"),
        System("settings_profiles"),
        System("row_policies"),
        System("quotas"),
    ];

    /// <summary>The <c>create_access</c> value of <paramref name="mode"/>.</summary>
    public static string SettingValue(AccessCreationMode mode) => mode switch
    {
        AccessCreationMode.Create => "create",
        AccessCreationMode.CreateIfNotExists => "create-if-not-exists",
        AccessCreationMode.Replace => "replace",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "unknown access creation mode"),
    };

    /// <summary>The request with every access entity table appended to its elements.</summary>
    /// <exception cref="InvalidBackupRequestException">Rendering fails later when the request already lists one of them.</exception>
    public static BackupRequest Including(BackupRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request with { Tables = [.. request.Tables, .. Tables.Select(t => new TableTarget(t))] };
    }

    /// <summary>
    /// The request restoring every access entity too, creating existing ones as <paramref name="mode"/> says
    /// (<c>SETTINGS create_access = '...'</c>; omitted for <see cref="AccessCreationMode.Create"/>, the server default).
    /// </summary>
    public static RestoreRequest Including(RestoreRequest request, AccessCreationMode mode)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = mode == AccessCreationMode.Create
            ? request.Settings
            : [.. request.Settings, new SqlSetting("create_access", SettingValue(mode))];
        return request with { Tables = [.. request.Tables, .. Tables.Select(t => new TableTarget(t))], Settings = settings };
    }

    private static TableName System(string table) => new(SqlIdentifier.Create("system"), SqlIdentifier.Create(table));
}
