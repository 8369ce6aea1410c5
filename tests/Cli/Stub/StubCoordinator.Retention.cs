using ClickVault.Cluster.Shared.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ClickVault.Cluster.Cli.Tests.Stub;

/// <summary>The maintenance routes of the stub: canned reports, or the scripted error.</summary>
internal sealed partial class StubCoordinator
{
    private void MapRetention()
    {
        var retention = scenario.Retention;
        app.MapPost(RetentionRoutes.Cleanup, (HttpContext context) => WriteAsync(context, StatusCodes.Status200OK, retention.Cleanup, RetentionApiJson.Default.CleanupReport));
        app.MapDelete(RetentionRoutes.Backup, (HttpContext context) => retention.DeleteError is { } error
            ? WriteAsync(context, error.Status, error.Error, ApiJson.Default.ApiError)
            : WriteAsync(context, StatusCodes.Status200OK, retention.Deleted, RetentionApiJson.Default.DeleteRunReport));
        app.MapPost(RetentionRoutes.CatalogRebuild, (HttpContext context) => WriteAsync(context, StatusCodes.Status200OK, retention.Rebuilt, RetentionApiJson.Default.CatalogRebuildReport));
        app.MapPost(RetentionRoutes.CleanBroken, (HttpContext context) => WriteAsync(context, StatusCodes.Status200OK, retention.Broken, RetentionApiJson.Default.CleanBrokenReport));
    }
}

/// <summary>What the stub answers on the maintenance routes.</summary>
internal sealed record RetentionScenario
{
    public CleanupReport Cleanup { get; init; } = RetentionCanned.DryRun();

    public DeleteRunReport Deleted { get; init; } = RetentionCanned.Deleted();

    /// <summary>When set, DELETE /api/backups/{run} answers this status and error.</summary>
    public (int Status, ApiError Error)? DeleteError { get; init; }

    public CatalogRebuildReport Rebuilt { get; init; } = RetentionCanned.Rebuilt();

    public CleanBrokenReport Broken { get; init; } = RetentionCanned.Broken(dryRun: true);
}

/// <summary>The stub scenario's maintenance answers.</summary>
internal sealed partial record StubScenario
{
    public RetentionScenario Retention { get; init; } = new();
}
