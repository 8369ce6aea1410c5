using System.Text.Json;
using ClickVault.Cluster.Coordinator.Notifications;
using Xunit;

namespace ClickVault.Cluster.Coordinator.Tests.Notifications;

public sealed class PayloadBuilderTests
{
    [Fact]
    public void Slack_message_has_a_summary_the_run_facts_and_a_per_shard_table()
    {
        var message = SlackPayloadBuilder.Build(SampleRuns.Partial(), SecretRedactor.PatternsOnly);

        Assert.Contains(":warning:", message.Text, StringComparison.Ordinal);
        Assert.Contains("cluster prod partial", message.Text, StringComparison.Ordinal);
        Assert.Contains(SampleRuns.RunId, message.Text, StringComparison.Ordinal);
        Assert.Contains("1 of 2 shard(s) succeeded, 1 failed in 3m 20s", message.Text, StringComparison.Ordinal);

        Assert.Equal(["header", "section", "section"], message.Blocks.Select(b => b.Type));
        Assert.Equal("plain_text", message.Blocks[0].Text!.Type);
        Assert.Contains("*Shards*\n1 of 2 succeeded", message.Blocks[1].Fields!.Select(f => f.Text));
        var table = message.Blocks[2].Text!.Text.Split('\n');
        Assert.Equal("```", table[0]);
        Assert.Equal("```", table[^1]);
        Assert.Equal(["shard", "replica", "kind", "base", "status", "size", "time", "error"], table[1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("1      ch-1a    full         -                 succeeded  1.5 GiB  3m 12s", table[2], StringComparison.Ordinal);
        Assert.StartsWith("2      ch-2b    incremental  20261121T020000Z  failed     -        12s     Code: 243.", table[3], StringComparison.Ordinal);
        Assert.Contains("(NOT_ENOUGH_SPACE)", table[3], StringComparison.Ordinal);
    }

    [Fact]
    public void Slack_table_cuts_long_errors_and_escapes_what_would_break_the_markup()
    {
        var error = "Code: 36. <bad> & `worse` ```fence``` " + new string('e', 300);

        var message = SlackPayloadBuilder.Build(SampleRuns.Partial(error), SecretRedactor.PatternsOnly);

        var row = message.Blocks[2].Text!.Text.Split('\n')[3];
        var errorCell = row[row.IndexOf("Code: 36.", StringComparison.Ordinal)..];
        Assert.EndsWith("…", errorCell, StringComparison.Ordinal);
        Assert.Contains("&lt;bad&gt; &amp; 'worse' '''fence'''", errorCell, StringComparison.Ordinal);
        Assert.Equal(SlackPayloadBuilder.MaxErrorLength, errorCell.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal).Length);
        Assert.DoesNotContain("```fence", message.Blocks[2].Text!.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(400)]
    [InlineData(2000)]
    public void Slack_table_is_split_within_slacks_limits_and_says_how_many_shards_it_left_out(int shards)
    {
        var run = SampleRuns.Run("failed",
        [
            .. Enumerable.Range(1, shards).Select(i => SampleRuns.Shard(
                $"{i}", $"replica-{i}", "full", null, "failed", "Code: 999. " + new string('x', 150), 0, TimeSpan.FromSeconds(i))),
        ]);

        var message = SlackPayloadBuilder.Build(run, SecretRedactor.PatternsOnly);

        Assert.True(message.Blocks.Count <= 50);
        var tables = message.Blocks.Where(b => b.Type == "section" && b.Text is not null).Select(b => b.Text!.Text).ToList();
        Assert.All(tables, t => Assert.True(t.Length <= SlackPayloadBuilder.SectionTextLimit, $"{t.Length} characters"));
        Assert.All(tables, t => Assert.StartsWith("```\nshard", t, StringComparison.Ordinal));
        var shown = tables.Sum(t => t.Split('\n').Length - 3);
        var context = message.Blocks.SingleOrDefault(b => b.Type == "context");
        if (shown == shards)
        {
            Assert.Null(context);
        }
        else
        {
            Assert.Contains($"{shards - shown} more shard(s) not shown", context!.Elements![0].Text, StringComparison.Ordinal);
        }

        Assert.Equal(shards <= 400, shown == shards);
    }

    [Fact]
    public void Slack_json_uses_slacks_field_names_and_leaves_out_empty_ones()
    {
        var json = JsonDocument.Parse(NotificationPayloads.For("slack", SampleRuns.Succeeded(), SecretRedactor.PatternsOnly));

        var root = json.RootElement;
        Assert.Equal([ "text", "blocks" ], root.EnumerateObject().Select(p => p.Name));
        var header = root.GetProperty("blocks")[0];
        Assert.Equal("header", header.GetProperty("type").GetString());
        Assert.True(header.GetProperty("text").GetProperty("emoji").GetBoolean());
        Assert.False(header.TryGetProperty("fields", out _));
        Assert.Equal("mrkdwn", root.GetProperty("blocks")[1].GetProperty("fields")[0].GetProperty("type").GetString());
        Assert.StartsWith(":white_check_mark:", root.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Webhook_json_describes_the_run_and_every_shard()
    {
        var json = JsonDocument.Parse(NotificationPayloads.For("webhook", SampleRuns.Partial(), SecretRedactor.PatternsOnly));

        var root = json.RootElement;
        Assert.Equal("clickvault.run.finished", root.GetProperty("event").GetString());
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.Equal(SampleRuns.RunId, root.GetProperty("run_id").GetString());
        Assert.Equal("prod", root.GetProperty("cluster").GetString());
        Assert.Equal("partial", root.GetProperty("outcome").GetString());
        Assert.Equal("schedule", root.GetProperty("trigger").GetString());
        Assert.Equal(SampleRuns.Start, root.GetProperty("started_at").GetDateTimeOffset());
        Assert.Equal(SampleRuns.Start.AddSeconds(200), root.GetProperty("finished_at").GetDateTimeOffset());
        Assert.Equal(200, root.GetProperty("duration_seconds").GetDouble());
        Assert.Equal(1, root.GetProperty("shards_failed").GetInt32());

        var shards = root.GetProperty("shards");
        Assert.Equal(2, shards.GetArrayLength());
        var ok = shards[0];
        Assert.Equal("1", ok.GetProperty("shard").GetString());
        Assert.Equal("ch-1a", ok.GetProperty("replica").GetString());
        Assert.Equal("full", ok.GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, ok.GetProperty("base_run_id").ValueKind);
        Assert.Equal(JsonValueKind.Null, ok.GetProperty("error").ValueKind);
        Assert.Equal("1.5 GiB", ok.GetProperty("size").GetString());
        Assert.Equal(1_610_612_736UL, ok.GetProperty("uncompressed_size").GetUInt64());
        Assert.Equal(192, ok.GetProperty("duration_seconds").GetDouble());
        var failed = shards[1];
        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Equal("20261121T020000Z", failed.GetProperty("base_run_id").GetString());
        Assert.Equal(SampleRuns.DiskFullError, failed.GetProperty("error").GetString());
    }

    [Fact]
    public void Both_payloads_redact_the_shard_errors_and_reasons()
    {
        const string error = "BACKUP TO S3('http://s3/b', 'AKIAIOSFODNN7EXAMPLE', 'SecretFromAShard123') failed, password=pw-in-error";
        var run = SampleRuns.Partial(error);
        run = run with { Shards = [run.Shards[0], run.Shards[1] with { Reason = "retry with token=reason-token-1" }] };

        foreach (var type in new[] { "slack", "webhook" })
        {
            var body = System.Text.Encoding.UTF8.GetString(NotificationPayloads.For(type, run, SecretRedactor.PatternsOnly));

            Assert.DoesNotContain("SecretFromAShard123", body, StringComparison.Ordinal);
            Assert.DoesNotContain("AKIAIOSFODNN7EXAMPLE", body, StringComparison.Ordinal);
            Assert.DoesNotContain("pw-in-error", body, StringComparison.Ordinal);
            Assert.DoesNotContain("reason-token-1", body, StringComparison.Ordinal);
            Assert.Contains("[HIDDEN]", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_unknown_target_type_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => NotificationPayloads.For("email", SampleRuns.Succeeded(), SecretRedactor.PatternsOnly));

    [Theory]
    [InlineData(0UL, "0 B")]
    [InlineData(1023UL, "1023 B")]
    [InlineData(1024UL, "1.0 KiB")]
    [InlineData(1_610_612_736UL, "1.5 GiB")]
    [InlineData(5_497_558_138_880UL, "5.0 TiB")]
    [InlineData(ulong.MaxValue, "16.0 EiB")]
    public void Sizes_are_shown_in_binary_units(ulong bytes, string expected) =>
        Assert.Equal(expected, DisplayFormat.Size(bytes));

    [Theory]
    [InlineData(0.4, "<1s")]
    [InlineData(45, "45s")]
    [InlineData(192, "3m 12s")]
    [InlineData(7500, "2h 05m")]
    [InlineData(93600, "1d 02h")]
    public void Durations_are_shown_in_the_two_largest_units(double seconds, string expected) =>
        Assert.Equal(expected, DisplayFormat.Duration(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData("short", 10, "short")]
    [InlineData("line one\r\n\tline two  ", 40, "line one line two")]
    [InlineData("abcdefghij", 10, "abcdefghij")]
    [InlineData("abcdefghijk", 10, "abcdefghi…")]
    [InlineData("abcd efghijk", 6, "abcd…")]
    public void Texts_are_put_on_one_line_and_cut_with_an_ellipsis(string text, int max, string expected) =>
        Assert.Equal(expected, DisplayFormat.Truncate(text, max));
}
