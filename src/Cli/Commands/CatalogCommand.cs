using System.CommandLine;
using ClickVault.Cluster.Cli.Errors;

namespace ClickVault.Cluster.Cli.Commands;

/// <summary><c>clickvault catalog rebuild</c>.</summary>
public sealed record CatalogRebuildOptions(GlobalOptions Global) : IVerbOptions;

/// <summary><c>clickvault catalog ...</c>: the shard catalog indexes (catalog.json).</summary>
public sealed class CatalogCommand : Command
{
    public CatalogCommand(GlobalOptionSet globals, CommandRunner runner)
        : base("catalog", "Maintain the shard catalog indexes (catalog.json)")
    {
        Add(new RebuildCommand(globals, runner));
    }

    /// <summary>Rebuilds every shard's catalog.json from the backups' sidecars.</summary>
    public sealed class RebuildCommand(GlobalOptionSet globals, CommandRunner runner)
        : VerbCommand<CatalogRebuildOptions>("rebuild",
            "Rebuild every shard's catalog.json from the sidecars in S3 (backups with a readable sidecar of status success)", globals, runner)
    {
        public override CatalogRebuildOptions Bind(ParseResult result) => new(Globals.Bind(result));

        public override async Task<int> ExecuteAsync(CatalogRebuildOptions options, CommandSession session, CancellationToken cancellationToken)
        {
            var report = await session.Client.Retention.RebuildCatalogAsync(cancellationToken).ConfigureAwait(false);
            session.Renderer.CatalogRebuilt(report);
            return MaintenanceExit.From(session, MaintenanceFailures.CatalogRebuilt(report));
        }
    }
}
