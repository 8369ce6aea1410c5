using ClickVault.Cluster.Coordinator.Restores;
using ClickVault.Cluster.Coordinator.Verification;
using ClickVault.Cluster.Shared.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ClickVault.Cluster.Coordinator.Api;

/// <summary>The verification endpoint (<see cref="VerifyRoutes"/>): parses, runs one verification to its end, answers its report.</summary>
public static class VerifyEndpoints
{
    public static RouteGroupBuilder MapVerifyApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost(VerifyRoutes.Verifications, async (HttpRequest request, VerificationService verification, CancellationToken ct) =>
        {
            var (start, problem) = await JsonBody.ReadAsync(request, VerifyApiJson.Default.StartVerifyRequest, new StartVerifyRequest(RestoreOptions.Latest), ct)
                .ConfigureAwait(false);
            if (start?.Run is null)
            {
                return OperatorEndpoints.Error(StatusCodes.Status400BadRequest, "invalid_request",
                    problem ?? "request body needs \"run\": a run id or \"latest\"");
            }

            try
            {
                // Not the request's token: a client that gives up must not leave a restore half-way and its scratch
                // databases behind; the verification ends, cleans up and records its result regardless.
                var report = await verification.VerifyAsync(VerifyOptions.Parse(start), CancellationToken.None).ConfigureAwait(false);
                return Results.Json(report, VerifyApiJson.Default.VerifyReportView);
            }
            catch (RestoreRefusedException e)
            {
                return OperatorEndpoints.Error(e.Status, e.Code, e.Message);
            }
        });
        return api;
    }
}
