using System.Text;
using ClickVault.Cluster.Shared.Catalog;

namespace ClickVault.Cluster.Coordinator.Notifications;

/// <summary>
/// A Slack incoming-webhook message for a finished run: a one-line <c>text</c> summary (what notifications and
/// clients without blocks show) and <c>blocks</c>: a header, the run's facts, and the per-shard table as monospace
/// sections. Stays inside Slack's limits (header 150 characters, section text 3000, 50 blocks). Pure.
/// </summary>
public static class SlackPayloadBuilder
{
    public const int MaxErrorLength = 100;
    public const int SectionTextLimit = 3000;
    public const int MaxTableSections = 40;
    private const int HeaderLimit = 150;
    private const int MaxReplicaLength = 32;
    private const string Fence = "```";

    private static readonly string[] Columns = ["shard", "replica", "kind", "base", "status", "size", "time", "error"];

    public static SlackMessage Build(RunManifest run, SecretRedactor redactor)
    {
        var report = RunReport.From(run, redactor, MaxErrorLength);
        var blocks = new List<SlackBlock>
        {
            SlackBlock.Header(DisplayFormat.Truncate($"{Icon(run.Outcome)} Backup {run.Outcome}: {run.Cluster} run {run.RunId}", HeaderLimit)!),
            SlackBlock.WithFields(
                $"*Cluster*\n{Escape(run.Cluster)}",
                $"*Run*\n{Escape(run.RunId)}",
                $"*Outcome*\n{Escape(run.Outcome)}",
                $"*Shards*\n{report.Succeeded} of {run.Shards.Count} succeeded",
                $"*Trigger*\n{Escape(report.Trigger)}{(run.FullRequested ? " (full requested)" : "")}",
                $"*Duration*\n{DisplayFormat.Duration(report.Duration)}"),
        };

        var sections = TableSections(report);
        blocks.AddRange(sections.Take(MaxTableSections).Select(SlackBlock.Section));
        var shown = sections.Take(MaxTableSections).Sum(s => s.Split('\n').Length - 3);
        if (shown < report.Shards.Count)
        {
            blocks.Add(SlackBlock.Context($"_{report.Shards.Count - shown} more shard(s) not shown: clickvault describe {Escape(run.RunId)}_"));
        }

        return new SlackMessage(Summary(report), blocks);
    }

    /// <summary>The <c>text</c> of the message: outcome, cluster, run, shard counts, duration.</summary>
    public static string Summary(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var run = report.Run;
        var failed = report.Failed > 0 ? $", {report.Failed} failed" : "";
        return Escape($"{Icon(run.Outcome)} ClickVault backup of cluster {run.Cluster} {run.Outcome}: run {run.RunId}, " +
                      $"{report.Succeeded} of {run.Shards.Count} shard(s) succeeded{failed} in {DisplayFormat.Duration(report.Duration)}");
    }

    /// <summary>The shard table as fenced monospace blocks of at most <see cref="SectionTextLimit"/> characters, each with the column header.</summary>
    public static IReadOnlyList<string> TableSections(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rows = report.Shards.Select(Cells).ToList();
        var widths = Columns.Select((c, i) => rows.Select(r => r[i].Length).Append(c.Length).Max()).ToArray();
        var header = Escape(Line(Columns, widths));
        var sections = new List<string>();
        var current = new StringBuilder();
        foreach (var row in rows)
        {
            var line = Escape(Line(row, widths));
            if (current.Length > 0 && current.Length + line.Length + 1 + Fence.Length > SectionTextLimit)
            {
                sections.Add(current.Append(Fence).ToString());
                current.Clear();
            }

            if (current.Length == 0)
            {
                current.Append(Fence).Append('\n').Append(header).Append('\n');
            }

            current.Append(line).Append('\n');
        }

        if (current.Length > 0)
        {
            sections.Add(current.Append(Fence).ToString());
        }

        return sections;
    }

    private static string[] Cells(ShardRow row)
    {
        var s = row.Outcome;
        return
        [
            Cell(s.Shard), Cell(DisplayFormat.Truncate(s.Replica, MaxReplicaLength)), Cell(s.Kind), Cell(s.BaseRunId),
            Cell(s.Status), row.Size, row.Duration, row.Error is null ? "" : Cell(row.Error),
        ];
    }

    private static string Cell(string? value) => string.IsNullOrEmpty(value) ? "-" : value.Replace('`', '\'');

    private static string Line(IReadOnlyList<string> cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i == cells.Count - 1 ? c : c.PadRight(widths[i]))).TrimEnd();

    private static string Icon(string outcome) => outcome switch
    {
        "succeeded" => ":white_check_mark:",
        "partial" => ":warning:",
        _ => ":x:",
    };

    /// <summary>Slack's mrkdwn control characters as entities (inside code blocks too).</summary>
    private static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
