namespace ClickVault.Cluster.Shared.Sql;

/// <summary>
/// <c>S3(`collection`, 'path')</c>: the bucket URL and credentials come from a server-side named collection, so no
/// secret is in the SQL. ClickHouse (22.x through 26.x) reads an identifier as the first argument of the
/// <c>S3</c> backup engine as a named collection (keys <c>url</c>, <c>access_key_id</c>, <c>secret_access_key</c>)
/// and accepts at most one more argument, a literal path appended to the collection's <c>url</c>
/// ("Backup S3 requires 1 or 2 arguments: named_collection, [filename]"). Key/value overrides such as
/// <c>url = '...'</c> are not accepted there.
/// </summary>
public sealed record S3NamedCollectionDestination : BackupDestination
{
    /// <param name="collection">Name of the named collection configured on every server.</param>
    /// <param name="path">Path of the backup relative to the collection's <c>url</c>.</param>
    /// <exception cref="InvalidBackupRequestException">The path is empty or holds control characters.</exception>
    public S3NamedCollectionDestination(SqlIdentifier collection, string path)
    {
        if (collection.IsDefault)
        {
            throw new ArgumentException("default(SqlIdentifier) holds no collection name.", nameof(collection));
        }

        Collection = collection;
        Path = RequireText(path, nameof(path));
    }

    public SqlIdentifier Collection { get; }

    public string Path { get; }

    internal override string Render(bool redacted) => $"S3({Collection.Quote()}, {SqlLiteral.Quote(Path)})";

    private protected override (string Engine, IReadOnlyList<string> Location) Location => ("S3", [Collection.Value, Path]);
}
