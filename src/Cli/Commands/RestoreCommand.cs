using System.CommandLine;
using System.CommandLine.Parsing;
using ClickVault.Cluster.Cli.Client;
using ClickVault.Cluster.Cli.Errors;
using ClickVault.Cluster.Cli.Rendering;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Sql;

namespace ClickVault.Cluster.Cli.Commands;

/// <summary>
/// <c>clickvault restore RUN|latest [--shard N]... [--tables db.t,db.x*] [--as-database NEW] [--replace] [--dry-run] [--replicas one|all|auto]</c>.
/// </summary>
public sealed record RestoreOptions(
    GlobalOptions Global,
    string Run,
    IReadOnlyList<ShardId> Shards,
    IReadOnlyList<string> Tables,
    string? AsDatabase,
    bool Replace,
    bool DryRun,
    string Replicas,
    string? WithAccess = null,
    string? ConfigsTo = null,
    string? Replica = null) : IVerbOptions
{
    public StartRestoreRequest ToRequest() =>
        new(Run, [.. Shards.Select(s => s.Value)], Tables, AsDatabase, Replace, DryRun, Replicas, WithAccess);
}

/// <summary>
/// Restores a run (per shard its backup, or the newest successful one before it) and follows it to the end with live
/// per-shard progress: exit 0 when every shard restored, 1 when a shard failed, 5 when refused (non-empty target tables
/// without --replace; also a dry run that would be refused), 6 when the run is unknown.
/// </summary>
public sealed class RestoreCommand : VerbCommand<RestoreOptions>
{
    private readonly CliHost host;

    private readonly Argument<string> run = new("run")
    {
        Description = "The run to restore (YYYYMMDDTHHMMSSZ), or 'latest'; per shard its backup, or the newest successful one before it",
        CustomParser = ParseRun,
    };

    private readonly Option<ShardId[]> shards = new(ShardOption.Name)
    {
        Description = "Restore only this shard; repeat for several (default: every shard)",
        HelpName = "shard",
        Arity = ArgumentArity.OneOrMore,
        CustomParser = ShardOption.ParseMany,
    };

    private readonly Option<string[]> tables = new("--tables")
    {
        Description = "Restore only these tables: comma-separated database.table patterns with * and ? (e.g. shop.orders,logs.*)",
        HelpName = "patterns",
        Arity = ArgumentArity.OneOrMore,
        CustomParser = ParseTables,
    };

    private readonly Option<string?> asDatabase = new("--as-database")
    {
        Description = "Restore the (one) source database under this name, beside the original (which stays untouched)",
        HelpName = "name",
        CustomParser = ParseDatabase,
    };

    private readonly Option<bool> replace = new("--replace")
    {
        Description = "Drop existing target tables first (without it a non-empty target table refuses the restore)",
    };

    private readonly Option<bool> dryRun = new("--dry-run")
    {
        Description = "Show per shard the backup, target replicas and exact RESTORE statements; run nothing",
    };

    private readonly Option<string> replicas = new("--replicas")
    {
        Description = "Restore on one replica, all replicas, or auto: one when every table is Replicated*, else all",
        DefaultValueFactory = _ => "auto",
    };

    private readonly Option<bool> withAccess = new("--with-access")
    {
        Description = "Also restore the backup's users, roles, settings profiles, row policies and quotas (backup.access_entities)",
    };

    private readonly Option<string> accessMode = new("--access-mode")
    {
        Description = "With --with-access: how to treat entities that already exist on the server",
        DefaultValueFactory = _ => "create-if-not-exists",
    };

    private readonly Option<string?> configsTo = new("--configs-to")
    {
        Description = "Instead of restoring data: write the ClickHouse config files stored with each shard's backup to DIR/shard-N/REPLICA/",
        HelpName = "dir",
    };

    private readonly Option<string?> replica = new("--replica")
    {
        Description = "With --configs-to: only this replica's config files",
        HelpName = "replica",
    };

    public RestoreCommand(GlobalOptionSet globals, CommandRunner runner, CliHost host)
        : base("restore", "Restore a run's backups into the cluster (per shard, following incremental chains)", globals, runner)
    {
        this.host = host;
        replicas.AcceptOnlyFromAmong("one", "all", "auto");
        Add(run);
        Add(shards);
        Add(tables);
        Add(asDatabase);
        Add(replace);
        Add(dryRun);
        Add(replicas);
        accessMode.AcceptOnlyFromAmong("create", "create-if-not-exists", "replace");
        Add(withAccess);
        Add(accessMode);
        Add(configsTo);
        Add(replica);
    }

    public override RestoreOptions Bind(ParseResult result) => new(
        Globals.Bind(result), result.GetValue(run)!, result.GetValue(shards) ?? [], result.GetValue(tables) ?? [],
        result.GetValue(asDatabase), result.GetValue(replace), result.GetValue(dryRun), result.GetValue(replicas) ?? "auto",
        result.GetValue(withAccess) ? result.GetValue(accessMode) ?? "create-if-not-exists" : null,
        result.GetValue(configsTo), result.GetValue(replica));

    public override async Task<int> ExecuteAsync(RestoreOptions options, CommandSession session, CancellationToken cancellationToken)
    {
        if (options.ConfigsTo is { } target)
        {
            return await RestoreConfigsAsync(options, target, session, cancellationToken).ConfigureAwait(false);
        }
        if (options.Replica is not null)
        {
            throw new CliUsageException("--replica: only valid with --configs-to (data restores choose replicas with --replicas)");
        }

        var client = new RestoreClient(session.Client);
        var output = new RestoreOutput(host, options.Global.Json);
        var started = await client.StartRestoreAsync(options.ToRequest(), cancellationToken).ConfigureAwait(false);
        if (started.DryRun)
        {
            output.Plan(started);
            return started.State == "refused" ? ExitCodes.Conflict : ExitCodes.Ok;
        }

        var follower = new RestoreFollower(client, session.Time, session.Warn);
        var finished = await output.FollowAsync(started, follower.FollowAsync(started.RestoreId, cancellationToken), cancellationToken).ConfigureAwait(false);
        output.Summary(finished);
        if (finished.State == RunStates.Succeeded)
        {
            return ExitCodes.Ok;
        }

        var failed = finished.Shards.Where(s => s.State != RunStates.Succeeded).Select(s => s.Shard).ToList();
        session.Explain(new CliFailure(ExitCodes.RunFailed, "restore_failed",
            $"restore {finished.RestoreId} finished {finished.State}: {failed.Count} of {finished.Shards.Count} shard(s) not restored: {string.Join(", ", failed)}"));
        return ExitCodes.RunFailed;
    }

    /// <summary><c>--configs-to DIR</c>: downloads the config files stored with each shard's backup; no data is restored.</summary>
    private async Task<int> RestoreConfigsAsync(RestoreOptions options, string target, CommandSession session, CancellationToken cancellationToken)
    {
        if (options.Tables.Count > 0 || options.AsDatabase is not null || options.Replace || options.DryRun || options.WithAccess is not null)
        {
            throw new CliUsageException("--configs-to restores configuration files only: it cannot be combined with --tables, --as-database, --replace, --dry-run or --with-access");
        }
        if (options.Shards.Count > 1)
        {
            throw new CliUsageException("--configs-to: give at most one --shard (or none for every shard)");
        }
        var shards = await session.Client.GetConfigsAsync(options.Run, options.Shards.Count == 1 ? options.Shards[0].Value : null, options.Replica, cancellationToken)
            .ConfigureAwait(false);
        var written = await Configs.ConfigFilesWriter.WriteAsync(target, shards, cancellationToken).ConfigureAwait(false);
        new ConfigFilesOutput(host, options.Global.Json).Written(written);
        return ExitCodes.Ok;
    }

    internal static string? ParseRun(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
        if (text == "latest" || RunId.TryParse(text, out _))
        {
            return text;
        }

        result.AddError($"run: '{text}' is neither 'latest' nor a run id (the run's UTC start as YYYYMMDDTHHMMSSZ, e.g. 20260101T020000Z)");
        return null;
    }

    private static string[] ParseTables(ArgumentResult result)
    {
        var patterns = new List<string>();
        foreach (var pattern in result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.TrimEntries)))
        {
            if (pattern.Length == 0 || !pattern.Contains('.', StringComparison.Ordinal) || pattern.StartsWith('.') || pattern.EndsWith('.'))
            {
                result.AddError($"--tables: '{pattern}' is not a database.table pattern (e.g. shop.orders, shop.order_*, logs.*)");
            }
            else if (!patterns.Contains(pattern, StringComparer.Ordinal))
            {
                patterns.Add(pattern);
            }
        }

        return [.. patterns];
    }

    private static string? ParseDatabase(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
        try
        {
            return SqlIdentifier.Create(text, "--as-database").Value;
        }
        catch (ArgumentException ex)
        {
            result.AddError($"--as-database: {ex.Message.Split(" (Parameter", 2)[0]}");
            return null;
        }
    }
}
