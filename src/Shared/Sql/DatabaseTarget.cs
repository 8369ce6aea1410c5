namespace ClickVault.Cluster.Shared.Sql;

/// <summary>
/// A <c>DATABASE `name` [AS `as`] [EXCEPT TABLES ...]</c> element. In a backup, <see cref="As"/> is the name the
/// database gets inside the backup; in a restore, the name it is restored as (<c>RESTORE DATABASE src AS dst</c>).
/// </summary>
public sealed record DatabaseTarget(SqlIdentifier Name)
{
    public SqlIdentifier? As { get; init; }

    /// <summary>
    /// Tables of this database to leave out. ClickHouse's grammar reads a comma after an <c>EXCEPT TABLES</c> list as
    /// part of that list, so the builder places this element last and allows it on one database per statement.
    /// </summary>
    public IReadOnlyList<SqlIdentifier> ExceptTables { get; init; } = [];
}
