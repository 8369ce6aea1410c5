using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ClickVault.Cluster.Cli.Client;
using ClickVault.Cluster.Shared.Api;
using Spectre.Console;

namespace ClickVault.Cluster.Cli.Rendering;

/// <summary>
/// What <c>clickvault restore</c> prints. For people: the plan (dry run) as plain lines, live per-shard progress through the
/// run renderers (<see cref="RestoreRunShape"/>), and a summary table. With <c>--json</c>: the API's own documents, one per
/// line: the restore as accepted (<see cref="RestoreView"/>), each <see cref="RunEvent"/> (or polled <see cref="RestoreView"/>),
/// and the finished <see cref="RestoreView"/>; a dry run prints its one plan.
/// </summary>
public sealed class RestoreOutput(CliHost host, bool json)
{
    public void Plan(RestoreView plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (json)
        {
            Write(plan, RestoreApiJson.Default.RestoreView);
            return;
        }

        Line($"restore plan of run {plan.Run} on cluster {plan.Cluster} (dry run: nothing was run)" +
             (plan.AsDatabase is { } renamed ? $", as database {renamed}" : "") + (plan.Replace ? ", replacing existing tables" : ""));
        foreach (var shard in plan.Shards.OrderBy(s => s.Shard.Length).ThenBy(s => s.Shard, StringComparer.Ordinal))
        {
            Line($"shard {shard.Shard}: {shard.Backup.Kind} backup {shard.Backup.RunId} at {shard.Backup.Prefix} (chain {string.Join(" -> ", shard.Backup.Chain)})");
            Line($"  restores {string.Join(", ", shard.Tables)} on {string.Join(", ", shard.Replicas.Select(r => r.Replica))}: {shard.ReplicaChoice}");
            foreach (var replica in shard.Replicas)
            {
                if (replica.Drops.Count > 0)
                {
                    Line($"  {replica.Replica}: drops {string.Join(", ", replica.Drops)} first");
                }

                Line($"  {replica.Replica}: {replica.Sql}");
            }
        }

        foreach (var conflict in plan.Conflicts)
        {
            Line($"refused: {conflict} is not empty (--replace drops it first)");
        }
    }

    public async Task<RestoreView> FollowAsync(RestoreView started, IAsyncEnumerable<RestoreUpdate> updates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(started);
        ArgumentNullException.ThrowIfNull(updates);
        RestoreView? finished = null;
        if (json)
        {
            Write(started, RestoreApiJson.Default.RestoreView);
            await foreach (var update in updates.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                switch (update)
                {
                    case RestoreEventReceived received:
                        Write(received.Event, ApiJson.Default.RunEvent);
                        break;
                    case RestorePolled polled:
                        Write(polled.Restore, RestoreApiJson.Default.RestoreView);
                        break;
                    case RestoreFinished done:
                        Write(done.Restore, RestoreApiJson.Default.RestoreView);
                        return done.Restore;
                }
            }

            throw new InvalidOperationException("the restore updates ended without the finished restore");
        }

        Line($"restore {started.RestoreId} of run {started.Run} accepted: shards {string.Join(", ", started.Shards.Select(s => s.Shard))}");
        var renderer = new HumanRenderer(CliConsole.Create(host), host.Out, host.Time, live: host.OutputIsTerminal);
        await renderer.FollowRunAsync(RestoreRunShape.AsRun(started), Shaped(updates, f => finished = f), cancellationToken).ConfigureAwait(false);
        return finished ?? throw new InvalidOperationException("the restore updates ended without the finished restore");
    }

    public void Summary(RestoreView restore)
    {
        ArgumentNullException.ThrowIfNull(restore);
        if (json)
        {
            return;
        }

        var console = CliConsole.Create(host);
        var table = new Table()
            .Title($"Restore {Markup.Escape(restore.RestoreId)} of run {Markup.Escape(restore.Run)} on {Markup.Escape(restore.Cluster)}: {Markup.Escape(restore.State)}")
            .AddColumns("Shard", "Backup", "Kind", "Replicas", "Files read", "Read", "Duration", "State");
        foreach (var shard in restore.Shards.Select(RestoreRunShape.AsRunShard).OrderBy(s => s.Shard.Length).ThenBy(s => s.Shard, StringComparer.Ordinal))
        {
            table.AddRow(
                Markup.Escape(shard.Shard), Markup.Escape(shard.BaseRunId ?? "-"), Markup.Escape(shard.Kind ?? "-"), Markup.Escape(shard.Replica ?? "-"),
                DisplayFormat.Count(shard.NumFiles), DisplayFormat.Bytes(shard.BytesWritten), DisplayFormat.Duration(shard.StartedAt, shard.FinishedAt),
                Markup.Escape(shard.State));
        }

        console.WriteLine();
        console.Write(table);
        foreach (var shard in restore.Shards.Where(s => s.Error is { Length: > 0 }))
        {
            Line($"shard {shard.Shard} {shard.State}: {shard.Error}");
        }

        var restored = restore.Shards.Count(s => s.State == RunStates.Succeeded);
        Line($"restore {restore.RestoreId} {restore.State} in {DisplayFormat.Duration(restore.StartedAt, restore.FinishedAt)}: " +
             $"{restored} of {restore.Shards.Count} shard(s) restored");
    }

    private static async IAsyncEnumerable<RunUpdate> Shaped(IAsyncEnumerable<RestoreUpdate> updates, Action<RestoreView> finished)
    {
        await foreach (var update in updates.ConfigureAwait(false))
        {
            if (update is RestoreFinished done)
            {
                finished(done.Restore);
            }

            yield return update.AsRunUpdate();
        }
    }

    private void Line(string text)
    {
        host.Out.WriteLine(text);
        host.Out.Flush();
    }

    private void Write<T>(T value, JsonTypeInfo<T> typeInfo) => Line(JsonSerializer.Serialize(value, typeInfo));
}
