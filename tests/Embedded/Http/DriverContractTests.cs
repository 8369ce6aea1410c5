using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ClickHouse.Driver;
using ClickHouse.Driver.ADO;
using ClickHouse.Driver.ADO.Parameters;
using ClickVault.Cluster.Testing.Embedded;
using Xunit;

namespace ClickVault.Cluster.Embedded.Tests.Http;

/// <summary>
/// The official ClickHouse.Driver against an embedded node (the real engine behind our HTTP host), with and without
/// HTTP compression: the features the product uses answer as clickhouse-server answers them.
/// </summary>
[Collection(SingleNodeCollection.Name)]
public sealed class DriverContractTests(SingleNodeFixture node) : IDisposable
{
    private readonly List<IDisposable> disposables = [];

    public void Dispose() => disposables.ForEach(d => d.Dispose());

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Typed_rows_come_back_in_RowBinary_with_server_side_parameters(bool compression)
    {
        var client = Client(compression);
        var parameters = new ClickHouseParameterCollection
        {
            new ClickHouseDbParameter { ParameterName = "name", Value = "it's" },
            new ClickHouseDbParameter { ParameterName = "n", Value = 41UL },
        };

        using var reader = await client.ExecuteReaderAsync(
            "SELECT {name:String} AS s, {n:UInt64} + 1 AS u, toUInt64(18446744073709551615) AS big, " +
            "toDateTime('2026-12-03 10:11:12', 'UTC') AS at, NULL::Nullable(String) AS missing, ['a', 'b'] AS list",
            parameters);

        Assert.True(await reader.ReadAsync());
        Assert.Equal("it's", reader.GetString(0));
        Assert.Equal(42UL, reader.GetValue(1));
        Assert.Equal(ulong.MaxValue, reader.GetValue(2));
        Assert.Equal(new DateTime(2026, 12, 3, 10, 11, 12), ((DateTime)reader.GetValue(3)).ToUniversalTime());
        Assert.True(reader.IsDBNull(4));
        Assert.Equal(["a", "b"], (string[])reader.GetValue(5));
        Assert.Equal("UInt64", reader.GetDataTypeName(1));
        Assert.False(await reader.ReadAsync());
    }

    [Fact]
    public async Task Settings_apply_to_their_query_only_and_unknown_ones_get_the_servers_error()
    {
        var client = Client(compression: false);
        var three = new QueryOptions { CustomSettings = new Dictionary<string, object> { ["max_threads"] = 3 } };

        Assert.Equal("3", (await client.ExecuteScalarAsync("SELECT toString(getSetting('max_threads'))", null, three))?.ToString());
        // Every engine session is asked once more: none kept the setting.
        for (var i = 0; i < 8; i++)
        {
            Assert.NotEqual("3", (await client.ExecuteScalarAsync("SELECT toString(getSetting('max_threads'))"))?.ToString());
        }

        var unknown = new QueryOptions { CustomSettings = new Dictionary<string, object> { ["no_such_setting"] = 1 } };
        var error = await Assert.ThrowsAsync<ClickHouseServerException>(() => client.ExecuteScalarAsync("SELECT 1", null, unknown));
        Assert.Equal(115, error.ErrorCode);
        Assert.Contains("Unknown setting 'no_such_setting'", error.Message, StringComparison.Ordinal);

        var badValue = new QueryOptions { CustomSettings = new Dictionary<string, object> { ["max_threads"] = "many" } };
        await Assert.ThrowsAsync<ClickHouseServerException>(() => client.ExecuteScalarAsync("SELECT 1", null, badValue));
    }

    [Fact]
    public async Task Server_errors_carry_the_code_and_message_and_statements_run_without_rows()
    {
        var client = Client(compression: true);

        var error = await Assert.ThrowsAsync<ClickHouseServerException>(() => client.ExecuteScalarAsync("SELECT * FROM default.no_such_table"));
        await client.ExecuteNonQueryAsync("CREATE TABLE IF NOT EXISTS default.driver_contract (x UInt64) ENGINE = MergeTree ORDER BY x");
        await client.ExecuteNonQueryAsync("DROP TABLE default.driver_contract");

        Assert.Equal(60, error.ErrorCode);
        Assert.Contains("no_such_table", error.Message, StringComparison.Ordinal);
        Assert.True(await client.PingAsync());
    }

    [Fact]
    public async Task Compression_is_used_only_when_asked_for_and_a_method_we_lack_is_declined()
    {
        using var http = new HttpClient();
        async Task<HttpResponseMessage> Post(string url, HttpContent content, string? accept)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, new Uri(node.Node.Url, url)) { Content = content };
            request.Headers.Add("X-ClickHouse-User", node.Cluster.User);
            request.Headers.Add("X-ClickHouse-Key", node.Cluster.Password);
            if (accept is not null)
            {
                request.Headers.AcceptEncoding.ParseAdd(accept);
            }
            return await http.SendAsync(request);
        }

        using var plain = await Post("?enable_http_compression=0", new StringContent("SELECT 1"), "gzip");
        using var gzip = await Post("?enable_http_compression=1", new StringContent("SELECT 1"), "zstd, gzip");
        using var onlyZstd = await Post("?enable_http_compression=1", new StringContent("SELECT 1"), "zstd");
        var zstdBody = new ByteArrayContent(Encoding.UTF8.GetBytes("SELECT 1"));
        zstdBody.Headers.ContentEncoding.Add("zstd");
        using var zstdRequest = await Post("", zstdBody, null);

        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Equal(["gzip"], gzip.Content.Headers.ContentEncoding);
        Assert.Empty(onlyZstd.Content.Headers.ContentEncoding);
        Assert.Equal(HttpStatusCode.BadRequest, zstdRequest.StatusCode);
        Assert.Contains("Content-Encoding 'zstd' is not supported", await zstdRequest.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("session_id=s1", "HTTP sessions")]
    [InlineData("readonly=1", "the readonly setting")]
    [InlineData("max%20threads=1", "Unknown setting 'max threads'")]
    public async Task What_the_node_cannot_do_is_refused_by_name(string urlSetting, string expected)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(node.Node.Url, "?" + urlSetting)) { Content = new StringContent("SELECT 1") };
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{node.Cluster.User}:{node.Cluster.Password}")));

        using var answer = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains(expected, await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private ClickHouseClient Client(bool compression)
    {
        var url = node.Node.Url;
        var client = new ClickHouseClient(new ClickHouseClientSettings
        {
            Host = url.Host,
            Port = (ushort)url.Port,
            Username = node.Cluster.User,
            Password = node.Cluster.Password,
            UseCompression = compression,
        });
        disposables.Add(client);
        return client;
    }
}
