using System.Net.Http.Json;
using ClickVault.Cluster.Shared.Api;

namespace ClickVault.Cluster.Cli.Client;

/// <summary>The verification area of the operator API (<see cref="VerifyRoutes"/>), over the same transport and errors as <see cref="CoordinatorClient"/>.</summary>
public sealed class VerifyClient
{
    /// <summary>A verification restores and reads whole backups: the call waits at least this long (or --timeout when longer).</summary>
    public static readonly TimeSpan MinimumWait = TimeSpan.FromHours(6);

    private const string JsonMediaType = "application/json";
    private readonly CoordinatorTransport transport;
    private readonly VerifyApiJson json = new(StrictJson.Options(VerifyApiJson.Default.Options));

    public VerifyClient(CoordinatorClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var timeout = client.Transport.Connection.RequestTimeout;
        transport = client.Transport.WithTimeout(timeout > MinimumWait ? timeout : MinimumWait);
    }

    /// <summary>Runs a verification to its end: the report.</summary>
    public async Task<VerifyReportView> VerifyAsync(StartVerifyRequest request, CancellationToken cancellationToken)
    {
        using var message = transport.NewRequest(HttpMethod.Post, VerifyRoutes.Verifications, JsonMediaType);
        message.Content = JsonContent.Create(request, json.StartVerifyRequest);
        return await transport.SendForJsonAsync(message, json.VerifyReportView, cancellationToken).ConfigureAwait(false);
    }
}
