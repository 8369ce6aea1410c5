using System.Text.Json.Serialization;
using ClickVault.Cluster.Shared.ClickHouse;
using ClickVault.Cluster.Testing.Embedded;
using Xunit;

namespace ClickVault.Cluster.Shared.Tests.ClickHouse;

/// <summary>The ClickHouse HTTP client against a real ClickHouse engine (embedded node).</summary>
[Collection(SingleNodeCollection.Name)]
public sealed class ClickHouseDriverClientTests(SingleNodeFixture node)
{
    private readonly IClickHouseClient _client = node.ClientFor(node.Node);

    [Fact]
    public async Task Parameters_round_trip_hostile_strings_and_64_bit_integers()
    {
        const string hostile = "it's a \\ back\tslash\nnew line `tick` \"quote\" {x:String} Ω";
        var rows = await _client.QueryAsync(
            new ClickHouseQuery("SELECT {s:String} AS text, {n:UInt64} AS number, length({a:Array(String)}) AS items")
            {
                Parameters = [QueryParameter.String("s", hostile), QueryParameter.UInt64("n", ulong.MaxValue), QueryParameter.Array("a", ["a'b", "c\\d", "e"])],
            },
            ClientTestJson.Default.EchoRow,
            CancellationToken.None);

        var row = Assert.Single(rows);
        Assert.Equal(hostile, row.Text);
        Assert.Equal(ulong.MaxValue, row.Number);
        Assert.Equal(3UL, row.Items);
    }

    [Fact]
    public async Task Statements_run_in_the_requested_database_and_rows_come_back_typed()
    {
        var db = "client_" + Guid.NewGuid().ToString("N")[..8];
        await _client.ExecuteAsync(new ClickHouseQuery($"CREATE DATABASE {db}"), CancellationToken.None);
        await _client.ExecuteAsync(new ClickHouseQuery("CREATE TABLE events (id UInt64, name String) ENGINE = MergeTree ORDER BY id") { Database = db }, CancellationToken.None);
        await _client.ExecuteAsync(new ClickHouseQuery("INSERT INTO events SELECT number, {prefix:String} || toString(number) FROM numbers(1000)")
        {
            Database = db,
            Parameters = [QueryParameter.String("prefix", "e-")],
        }, CancellationToken.None);

        var rows = await _client.QueryAsync(
            new ClickHouseQuery("SELECT count() AS rows, sum(id) AS total, max(name) AS last FROM events") { Database = db },
            ClientTestJson.Default.CountRow,
            CancellationToken.None);

        Assert.Equal(new CountRow(1000, 499500, "e-999"), Assert.Single(rows));
    }

    [Fact]
    public async Task A_refused_statement_raises_the_server_code_and_text()
    {
        var e = await Assert.ThrowsAsync<ClickHouseServerException>(() =>
            _client.ExecuteAsync(new ClickHouseQuery("SELECT * FROM no_such_db_for_test.t"), CancellationToken.None));

        Assert.True(e.Code is 60 or 81, $"unexpected code {e.Code}");
        Assert.Contains("no_such_db_for_test", e.ServerMessage, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(e.QueryId));
    }

    [Fact]
    public async Task Registered_secrets_never_reach_the_exception_text()
    {
        const string secret = "AKIA-very-secret-key-123";
        var e = await Assert.ThrowsAsync<ClickHouseServerException>(() => _client.ExecuteAsync(
            new ClickHouseQuery($"SELECT throwIf(1, 'leaking {secret} here')") { Secrets = [secret] },
            CancellationToken.None));

        Assert.Equal(395, e.Code);
        Assert.DoesNotContain(secret, e.ToString(), StringComparison.Ordinal);
        Assert.Contains("[HIDDEN]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_authentication_failed_without_echoing_it()
    {
        var wrong = node.ClientFor(node.OptionsFor(node.Node) with { Password = "wrong-password-xyz" });

        var e = await Assert.ThrowsAsync<ClickHouseServerException>(() =>
            wrong.ExecuteAsync(new ClickHouseQuery("SELECT 1"), CancellationToken.None));

        Assert.Equal(516, e.Code);
        Assert.DoesNotContain("wrong-password-xyz", e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_call_past_its_timeout_is_a_timeout_and_the_node_keeps_serving()
    {
        await Assert.ThrowsAsync<ClickHouseTimeoutException>(() => _client.ExecuteAsync(
            new ClickHouseQuery("SELECT sleep(2)") { Timeout = TimeSpan.FromMilliseconds(200) },
            CancellationToken.None));

        var rows = await _client.QueryAsync(new ClickHouseQuery("SELECT 1 AS rows, 2 AS total, 'x' AS last"), ClientTestJson.Default.CountRow, CancellationToken.None);
        Assert.Single(rows);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_reported_as_a_timeout()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _client.ExecuteAsync(new ClickHouseQuery("SELECT sleep(2)"), cancel.Token));
    }

    [Fact]
    public async Task An_unreachable_server_is_unavailable_and_the_password_stays_out()
    {
        var options = node.OptionsFor(node.Node) with { Url = new Uri("http://127.0.0.1:1/"), Password = "pw-not-in-errors" };

        var e = await Assert.ThrowsAsync<ClickHouseUnavailableException>(() =>
            node.ClientFor(options).ExecuteAsync(new ClickHouseQuery("SELECT 1"), CancellationToken.None));

        Assert.DoesNotContain("pw-not-in-errors", e.ToString(), StringComparison.Ordinal);
    }
}

public sealed record EchoRow(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("number")] ulong Number,
    [property: JsonPropertyName("items")] ulong Items);

public sealed record CountRow(
    [property: JsonPropertyName("rows")] ulong Rows,
    [property: JsonPropertyName("total")] ulong Total,
    [property: JsonPropertyName("last")] string Last);

[JsonSerializable(typeof(EchoRow))]
[JsonSerializable(typeof(CountRow))]
internal sealed partial class ClientTestJson : JsonSerializerContext;
