using System.Net.Http.Json;
using System.Text.Json;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Layout;

namespace ClickVault.Cluster.Cli.Client;

/// <summary>
/// Retention and catalog maintenance calls (<see cref="RetentionRoutes"/>), over the same transport and error mapping
/// as <see cref="CoordinatorClient"/>. The coordinator finishes a maintenance request even when the CLI stops waiting.
/// </summary>
public sealed class RetentionClient
{
    private const string JsonMediaType = "application/json";

    private readonly CoordinatorTransport transport;
    private readonly RetentionApiJson json;

    internal RetentionClient(CoordinatorTransport transport)
    {
        this.transport = transport;
        json = new RetentionApiJson(new JsonSerializerOptions(RetentionApiJson.Default.Options)
        {
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
        });
    }

    public async Task<CleanupReport> CleanupAsync(CleanupRequest request, CancellationToken cancellationToken)
    {
        using var message = transport.NewRequest(HttpMethod.Post, RetentionRoutes.Cleanup, JsonMediaType);
        message.Content = JsonContent.Create(request, json.CleanupRequest);
        return await transport.SendForJsonAsync(message, json.CleanupReport, cancellationToken).ConfigureAwait(false);
    }

    public async Task<DeleteRunReport> DeleteRunAsync(RunId run, ShardId? shard, bool cascade, CancellationToken cancellationToken)
    {
        using var message = transport.NewRequest(HttpMethod.Delete, RetentionRoutes.BackupPath(run.Value, shard?.Value, cascade), JsonMediaType);
        return await transport.SendForJsonAsync(message, json.DeleteRunReport, cancellationToken).ConfigureAwait(false);
    }

    public async Task<CatalogRebuildReport> RebuildCatalogAsync(CancellationToken cancellationToken)
    {
        using var message = transport.NewRequest(HttpMethod.Post, RetentionRoutes.CatalogRebuild, JsonMediaType);
        return await transport.SendForJsonAsync(message, json.CatalogRebuildReport, cancellationToken).ConfigureAwait(false);
    }

    public async Task<CleanBrokenReport> CleanBrokenAsync(CleanBrokenRequest request, CancellationToken cancellationToken)
    {
        using var message = transport.NewRequest(HttpMethod.Post, RetentionRoutes.CleanBroken, JsonMediaType);
        message.Content = JsonContent.Create(request, json.CleanBrokenRequest);
        return await transport.SendForJsonAsync(message, json.CleanBrokenReport, cancellationToken).ConfigureAwait(false);
    }
}
