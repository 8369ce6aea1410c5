using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ClickVault.Cluster.Coordinator.Health;

/// <summary>
/// <c>/healthz</c> (liveness: the process serves HTTP) and <c>/readyz</c> (readiness: S3, cluster membership, the runs
/// singleton), without the operator token so an orchestrator's probes can call them; 503 when not ready, JSON naming
/// every check.
/// </summary>
public static class HealthEndpoints
{
    public const string Liveness = "/healthz";

    public const string Readiness = "/readyz";

    private const string ReadyTag = "ready";

    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    public static IServiceCollection AddCoordinatorHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<S3ReadinessCheck>("s3", tags: [ReadyTag], timeout: CheckTimeout)
            .AddCheck<ClusterMemberReadinessCheck>("cluster_member", tags: [ReadyTag], timeout: CheckTimeout)
            .AddCheck<SingletonReadinessCheck>("singleton", tags: [ReadyTag], timeout: CheckTimeout);
        return services;
    }

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks(Liveness, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks(Readiness, new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync });
        return app;
    }

    private static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        using var buffer = new MemoryStream();
        await using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("status", Name(report.Status));
            json.WriteStartObject("checks");
            foreach (var (name, entry) in report.Entries)
            {
                json.WriteStartObject(name);
                json.WriteString("status", Name(entry.Status));
                json.WriteString("description", entry.Description);
                json.WriteNumber("duration_ms", Math.Round(entry.Duration.TotalMilliseconds, 1));
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        await context.Response.Body.WriteAsync(buffer.ToArray(), context.RequestAborted).ConfigureAwait(false);
    }

    private static string Name(HealthStatus status) => status.ToString().ToLowerInvariant();
}
