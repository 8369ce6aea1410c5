namespace ClickVault.Cluster.Embedded.Engine;

/// <summary>One statement for the engine: SQL, default output format, server-side parameters, current database.</summary>
public sealed record EngineQuery(
    string Sql,
    string Format,
    IReadOnlyList<KeyValuePair<string, string>> Parameters,
    string Database);

/// <summary>What the engine answered: the formatted output, or the ClickHouse exception text.</summary>
public sealed record EngineResult(byte[] Output, string? Error, ulong RowsRead, ulong BytesRead, double ElapsedSeconds)
{
    public bool Failed => Error is not null;
}
