using ClickVault.Cluster.Shared.Api;

namespace ClickVault.Cluster.Cli.Client;

/// <summary>
/// The operator tools of the API as typed calls: describe, check, logs, cancel. Failures surface as
/// <see cref="Errors.CliException"/>s exactly as for <see cref="CoordinatorClient"/>.
/// </summary>
public sealed class OperationsClient
{
    private const string JsonMediaType = "application/json";

    private readonly CoordinatorTransport transport;
    private readonly DescribeJson describe = new(StrictJson.Options(DescribeJson.Default.Options));
    private readonly CheckJson check = new(StrictJson.Options(CheckJson.Default.Options));
    private readonly RunLogJson log = new(StrictJson.Options(RunLogJson.Default.Options));
    private readonly CancelJson cancel = new(StrictJson.Options(CancelJson.Default.Options));

    public OperationsClient(HttpClient http, CoordinatorConnection connection)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(connection);
        transport = new CoordinatorTransport(http, connection, new ApiJson(StrictJson.Options(ApiJson.Default.Options)));
    }

    public Task<RunDescription> DescribeRunAsync(string run, CancellationToken cancellationToken) =>
        GetAsync(DescribeRoutes.RunPath(run), describe.RunDescription, cancellationToken);

    public Task<BackupDescription> DescribeBackupAsync(string run, string shard, CancellationToken cancellationToken) =>
        GetAsync(DescribeRoutes.BackupPath(run, shard), describe.BackupDescription, cancellationToken);

    public Task<CheckView> CheckAsync(TimeSpan maxAge, CancellationToken cancellationToken) =>
        GetAsync(CheckRoutes.CheckPath(maxAge), check.CheckView, cancellationToken);

    public Task<RunLogView> GetRunLogAsync(string run, string? shard, CancellationToken cancellationToken) =>
        GetAsync(RunLogRoutes.RunLogPath(run, shard), log.RunLogView, cancellationToken);

    public async Task<CancelRunView> CancelRunAsync(string run, CancellationToken cancellationToken)
    {
        using var message = transport.NewRequest(HttpMethod.Post, CancelRoutes.CancelRunPath(run), JsonMediaType);
        return await transport.SendForJsonAsync(message, cancel.CancelRunView, cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> GetAsync<T>(string path, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        using var message = transport.NewRequest(HttpMethod.Get, path, JsonMediaType);
        return await transport.SendForJsonAsync(message, typeInfo, cancellationToken).ConfigureAwait(false);
    }
}
