using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ClickVault.Cluster.Coordinator.Retention;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Layout;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static ClickVault.Cluster.Coordinator.Api.OperatorEndpoints;

namespace ClickVault.Cluster.Coordinator.Api;

/// <summary>
/// Retention and catalog maintenance (<see cref="RetentionRoutes"/>): each endpoint parses, calls one use case, answers
/// JSON. A use case runs to its end even when the client stops waiting (<see cref="Unstoppable"/>): a deletion stopped
/// half-way would leave broken folders behind.
/// </summary>
public static class RetentionEndpoints
{
    /// <summary>Request bodies are read strictly: a misspelt field (say "dryrun") is an error, never a real cleanup.</summary>
    private static readonly RetentionApiJson Requests = new(new JsonSerializerOptions(RetentionApiJson.Default.Options)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    });

    public static RouteGroupBuilder MapRetentionApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost(RetentionRoutes.Cleanup, async (HttpRequest request, RetentionService retention, CancellationToken ct) =>
        {
            var (body, invalid) = await ReadAsync(request, Requests.CleanupRequest, new CleanupRequest(false, null), ct).ConfigureAwait(false);
            if (invalid is not null)
            {
                return invalid;
            }
            var shards = new List<ShardId>();
            foreach (var shard in body!.Shards ?? [])
            {
                if (Shard(shard) is not { } id)
                {
                    return Invalid($"shards: '{shard}' is not a shard id (1-64 of letters, digits, '.', '_', '-')");
                }
                shards.Add(id);
            }
            return await AnswerAsync(() => retention.CleanupAsync(new CleanupOptions(body.DryRun, shards), Unstoppable), RetentionApiJson.Default.CleanupReport).ConfigureAwait(false);
        });

        api.MapDelete(RetentionRoutes.Backup, async (string runId, string? shard, string? cascade, RetentionService retention) =>
        {
            if (!RunId.TryParse(runId, out var run))
            {
                return Invalid($"run id '{runId}' is invalid: expected the run's UTC start as YYYYMMDDTHHMMSSZ, e.g. 20260101T020000Z");
            }
            ShardId? shardId = null;
            if (shard is not null && (shardId = Shard(shard)) is null)
            {
                return Invalid($"shard: '{shard}' is not a shard id (1-64 of letters, digits, '.', '_', '-')");
            }
            if (!bool.TryParse(cascade ?? "false", out var cascading))
            {
                return Invalid($"cascade: '{cascade}' must be true or false");
            }
            try
            {
                return await retention.DeleteRunAsync(new DeleteRunOptions(run, shardId, cascading), Unstoppable).ConfigureAwait(false) switch
                {
                    DeleteRunOutcome.Deleted deleted => Results.Json(deleted.Report, RetentionApiJson.Default.DeleteRunReport),
                    DeleteRunOutcome.NotFound notFound => Error(StatusCodes.Status404NotFound, "not_found", notFound.Message),
                    DeleteRunOutcome.Refused refused => Error(StatusCodes.Status409Conflict, refused.Code, refused.Message),
                    var other => Error(StatusCodes.Status500InternalServerError, "internal", $"unexpected outcome {other.GetType().Name}"),
                };
            }
            catch (Exception e) when (Failure(e) is { } failure)
            {
                return failure;
            }
        });

        api.MapPost(RetentionRoutes.CatalogRebuild, (RetentionService retention) =>
            AnswerAsync(() => retention.RebuildCatalogAsync(Unstoppable), RetentionApiJson.Default.CatalogRebuildReport));

        api.MapPost(RetentionRoutes.CleanBroken, async (HttpRequest request, RetentionService retention, CancellationToken ct) =>
        {
            var (body, invalid) = await ReadAsync(request, Requests.CleanBrokenRequest, new CleanBrokenRequest(null, false), ct).ConfigureAwait(false);
            if (invalid is not null)
            {
                return invalid;
            }
            var seconds = body!.OlderThanSeconds ?? (long)RetentionRoutes.DefaultBrokenAge.TotalSeconds;
            if (seconds is < 1 or > MaxAgeSeconds)
            {
                return Invalid($"older_than_seconds must be between 1 and {MaxAgeSeconds} (10 years), got {seconds}");
            }
            var options = new CleanBrokenOptions(TimeSpan.FromSeconds(seconds), body.DryRun);
            return await AnswerAsync(() => retention.CleanBrokenAsync(options, Unstoppable), RetentionApiJson.Default.CleanBrokenReport).ConfigureAwait(false);
        });
        return api;
    }

    private static CancellationToken Unstoppable => CancellationToken.None;

    private const long MaxAgeSeconds = 10L * 366 * 24 * 3600;

    /// <summary>The body as <typeparamref name="T"/> (<paramref name="empty"/> when there is none), or a 400 naming what is wrong.</summary>
    private static async Task<(T? Body, IResult? Invalid)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type, T empty, CancellationToken ct)
        where T : class
    {
        var (body, problem) = await JsonBody.ReadAsync(request, type, empty, ct).ConfigureAwait(false);
        return (body, problem is null ? null : Invalid(problem));
    }

    private static async Task<IResult> AnswerAsync<T>(Func<Task<T>> useCase, JsonTypeInfo<T> type)
    {
        try
        {
            return Results.Json(await useCase().ConfigureAwait(false), type);
        }
        catch (Exception e) when (Failure(e) is { } failure)
        {
            return failure;
        }
    }

    private static IResult? Failure(Exception e) => e switch
    {
        RetentionRequestException invalid => Invalid(invalid.Message),
        ShardCatalogException catalog => Error(StatusCodes.Status503ServiceUnavailable, "catalog_unavailable", catalog.Message),
        _ => null,
    };

    private static ShardId? Shard(string text)
    {
        try
        {
            return new ShardId(text);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static IResult Invalid(string message) => Error(StatusCodes.Status400BadRequest, "invalid_request", message);
}
