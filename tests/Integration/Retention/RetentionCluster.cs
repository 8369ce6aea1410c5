using System.Text.Json;
using ClickVault.Cluster.Cli;
using Cli = ClickVault.Cluster.Cli;
using ClickVault.Cluster.Cli.Commands;
using ClickVault.Cluster.Integration.Tests.ClusterRuns;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.ClickHouse;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Storage;
using ClickVault.Cluster.Testing.Coordinator;
using Xunit;

namespace ClickVault.Cluster.Integration.Tests.Retention;

/// <summary>What one in-process run of the real <c>clickvault</c> entry produced.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}

/// <summary>
/// Retention on a <see cref="ClusterScenario"/>: the real CLI entry against its coordinator, and the bucket as s3rver
/// holds it (every key under the cluster root, the shard catalogs).
/// </summary>
internal sealed class RetentionCluster(ClusterScenario scenario) : IDisposable
{
    private readonly S3ObjectStore _store = new(scenario.S3Options());

    public ClusterScenario Scenario => scenario;

    public IObjectStore Store => _store;

    public BackupLayout Layout { get; } = new(new LayoutOptions(scenario.Prefix, new ClusterName(scenario.Cluster.Cluster)));

    public CatalogStore Catalog => new(_store, Layout);

    /// <summary>Runs <c>clickvault ARGS</c> through <c>clickvault</c>'s Program.RunAsync against the scenario's coordinator.</summary>
    public async Task<CliRun> CliAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var environment = new Dictionary<string, string>
        {
            [GlobalOptionSet.CoordinatorVariable] = scenario.Coordinator.BaseUrl.ToString(),
            [GlobalOptionSet.TokenVariable] = InProcessCoordinator.OperatorToken,
        };
        var code = await Cli.Program.RunAsync(["--timeout", "5m", .. args], new CliHost(stdout, stderr, environment, false, TimeProvider.System));
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    public async Task<T> CliJsonAsync<T>(System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, params string[] args)
    {
        var run = await CliAsync([.. args, "--json"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        return JsonSerializer.Deserialize(run.Out, type)!;
    }

    /// <summary>Every key under the cluster root with its size.</summary>
    public async Task<IReadOnlyDictionary<string, long>> ObjectsAsync() =>
        (await _store.ListAllAsync(Layout.ClusterRoot, null, default)).Objects.ToDictionary(o => o.Key, o => o.Size, StringComparer.Ordinal);

    public async Task<IReadOnlyList<string>> IndexedAsync(string shard) =>
        [.. (await Catalog.ReadShardAsync(new ShardId(shard), Layout.ShardPath(new ShardId(shard)), default)).Backups.Select(b => $"{BackupLayout.KindSegment(b.Kind)}/{b.RunId}")];

    public string Prefix(string shard, string kind, string run) =>
        Layout.BackupPrefix(Layout.ShardPath(new ShardId(shard)), kind == "full" ? BackupKind.Full : BackupKind.Incremental, RunId.Parse(run));

    public async Task<RunView> RunAsync(bool full, params string[] shards)
    {
        var started = await scenario.Coordinator.StartRunAsync(full, shards);
        return await scenario.Coordinator.WaitForRunAsync(started.RunId, TimeSpan.FromMinutes(3));
    }

    /// <summary>Every event of a finished run (its event stream replays the history, then ends).</summary>
    public async Task<IReadOnlyList<RunEvent>> EventsAsync(string runId)
    {
        using var stream = await scenario.Coordinator.Api.GetStreamAsync(OperatorRoutes.RunEventsPath(runId).TrimStart('/'));
        using var reader = new StreamReader(stream);
        var events = new List<RunEvent>();
        string? name = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && name == "run")
            {
                events.Add(JsonSerializer.Deserialize(line[6..], ApiJson.Default.RunEvent)!);
            }
        }
        return events;
    }

    /// <summary>Drops the test database on every node of <paramref name="shard"/>: its next backup fails (UNKNOWN_DATABASE).</summary>
    public async Task DropDatabaseAsync(int shard)
    {
        foreach (var node in scenario.Cluster.Nodes.Where(n => n.Shard == shard))
        {
            await scenario.Client(node).ExecuteAsync(new ClickHouseQuery($"DROP DATABASE IF EXISTS {scenario.Database}"), default);
        }
    }

    public void Dispose() => _store.Dispose();
}
