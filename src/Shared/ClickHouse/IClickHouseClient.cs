using System.Text.Json.Serialization.Metadata;

namespace ClickVault.Cluster.Shared.ClickHouse;

/// <summary>One statement for ClickHouse with its parameters and per-call settings.</summary>
public sealed record ClickHouseQuery(string Sql)
{
    public IReadOnlyList<QueryParameter> Parameters { get; init; } = [];

    /// <summary>The current database for the statement; the client's configured database when null.</summary>
    public string? Database { get; init; }

    /// <summary>A query id to run under (lets an operator find it in system.processes and KILL it).</summary>
    public string? QueryId { get; init; }

    /// <summary>Overrides the client's default timeout for this call.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Values (e.g. S3 keys inside the SQL) that must be masked in any error or log line about this call.</summary>
    public IReadOnlyList<string> Secrets { get; init; } = [];
}

/// <summary>The ClickHouse server as this project needs it: run a statement, read typed rows.</summary>
public interface IClickHouseClient
{
    Task ExecuteAsync(ClickHouseQuery query, CancellationToken cancellationToken);

    /// <summary>Runs a SELECT and reads its JSONEachRow output as rows of <typeparamref name="T"/>.</summary>
    Task<IReadOnlyList<T>> QueryAsync<T>(ClickHouseQuery query, JsonTypeInfo<T> rowType, CancellationToken cancellationToken);
}
