using System.Globalization;
using ClickVault.Cluster.Coordinator.Freshness;
using ClickVault.Cluster.Shared.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ClickVault.Cluster.Coordinator.Api;

/// <summary><see cref="CheckRoutes"/>: does every shard have a good backup younger than a maximum age?</summary>
public static class CheckEndpoints
{
    /// <summary>Ten years: more is certainly a typo.</summary>
    public const long MaxAgeLimitSeconds = 10L * 366 * 24 * 3600;

    public static IEndpointRouteBuilder MapCheckApi(this IEndpointRouteBuilder api)
    {
        api.MapGet(CheckRoutes.Check, async (HttpRequest request, FreshnessCheck check, CancellationToken ct) =>
        {
            var text = request.Query[CheckRoutes.MaxAgeParameter].ToString();
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds <= 0 || seconds > MaxAgeLimitSeconds)
            {
                return OperatorEndpoints.Error(StatusCodes.Status400BadRequest, "invalid_request",
                    $"{CheckRoutes.MaxAgeParameter} must be a whole number of seconds from 1 to {MaxAgeLimitSeconds}, got '{text}'");
            }
            var view = await check.CheckAsync(TimeSpan.FromSeconds(seconds), ct).ConfigureAwait(false);
            return Results.Json(view, CheckJson.Default.CheckView);
        });
        return api;
    }
}
