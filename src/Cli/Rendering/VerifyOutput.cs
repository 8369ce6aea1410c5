using System.Globalization;
using System.Text.Json;
using ClickVault.Cluster.Shared.Api;
using Spectre.Console;

namespace ClickVault.Cluster.Cli.Rendering;

/// <summary>
/// What <c>clickvault verify</c> prints: per shard a table of its tables (recorded and restored rows, checksum, problem)
/// and a verdict line; with <c>--json</c> the API's <see cref="VerifyReportView"/> on one line.
/// </summary>
public sealed class VerifyOutput(CliHost host, bool json)
{
    public void Report(VerifyReportView report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (json)
        {
            host.Out.WriteLine(JsonSerializer.Serialize(report, VerifyApiJson.Default.VerifyReportView));
            return;
        }

        var console = CliConsole.Create(host);
        foreach (var shard in report.Shards.OrderBy(s => s.Shard.Length).ThenBy(s => s.Shard, StringComparer.Ordinal))
        {
            var verdict = shard.Passed ? "passed" : "FAILED";
            var table = new Table()
                .Title(Markup.Escape($"shard {shard.Shard}: backup {shard.RunId ?? "-"} on {shard.Replica ?? "-"}: {verdict}"))
                .AddColumns("Table", "Recorded rows", "Restored rows", "Checksum", "Result");
            foreach (var t in shard.Tables)
            {
                table.AddRow(Markup.Escape($"{t.Database}.{t.Table}"), Markup.Escape(t.RecordedRows),
                    t.RestoredRows?.ToString(CultureInfo.InvariantCulture) ?? "-", Markup.Escape(t.Checksum),
                    Markup.Escape(t.Passed ? "ok" : t.Problem ?? "differs"));
            }

            console.WriteLine();
            console.Write(table);
            if (shard.RestoreError is { } restore)
            {
                host.Out.WriteLine($"shard {shard.Shard}: restore failed: {restore}");
            }

            if (shard.Error is { } error)
            {
                host.Out.WriteLine($"shard {shard.Shard}: {error}");
            }

            if (shard.LeftoversDropped.Count > 0)
            {
                host.Out.WriteLine($"shard {shard.Shard}: dropped {shard.LeftoversDropped.Count} scratch database(s) an interrupted verification left on " +
                    $"{shard.Replica}: {string.Join(", ", shard.LeftoversDropped)}");
            }

            host.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"shard {shard.Shard} {verdict} in {shard.Seconds:0.0} s (scratch {string.Join(", ", shard.ScratchDatabases.DefaultIfEmpty("-"))}, dropped)"));
        }

        var passed = report.Shards.Count(s => s.Passed);
        host.Out.WriteLine($"verification {report.VerificationId} of run {report.Run} on {report.Cluster}: {(report.Passed ? "passed" : "FAILED")}, " +
            $"{passed} of {report.Shards.Count} shard(s) passed in {DisplayFormat.Duration(report.StartedAt, report.FinishedAt)}");
    }
}
