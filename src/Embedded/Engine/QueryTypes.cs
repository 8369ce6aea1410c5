namespace ClickVault.Cluster.Embedded.Engine;

/// <summary>One statement for the engine: SQL, default output format, server-side parameters, current database.</summary>
public sealed record EngineQuery(
    string Sql,
    string Format,
    IReadOnlyList<KeyValuePair<string, string>> Parameters,
    string Database)
{
    /// <summary>Settings for this statement only, as clickhouse-server takes them from the URL (<c>max_threads=4</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Settings { get; init; } = [];
}

/// <summary>What the engine answered: the formatted output, or the ClickHouse exception text.</summary>
public sealed record EngineResult(byte[] Output, string? Error, ulong RowsRead, ulong BytesRead, double ElapsedSeconds)
{
    public bool Failed => Error is not null;
}
