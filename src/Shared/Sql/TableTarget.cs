namespace ClickVault.Cluster.Shared.Sql;

/// <summary>
/// A <c>TABLE `db`.`t` [AS `db2`.`t2`]</c> element. In a backup, <see cref="As"/> is the name inside the backup; in a
/// restore, the name the table is restored as.
/// </summary>
public sealed record TableTarget(TableName Name)
{
    public TableName? As { get; init; }
}
