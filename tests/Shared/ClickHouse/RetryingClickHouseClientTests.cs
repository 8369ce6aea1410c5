using System.Text.Json.Serialization.Metadata;
using ClickVault.Cluster.Shared.ClickHouse;
using ClickVault.Cluster.Testing.Time;
using Xunit;

namespace ClickVault.Cluster.Shared.Tests.ClickHouse;

public sealed class RetryingClickHouseClientTests : IDisposable
{
    private readonly TimerTrackingTimeProvider time = new();
    private readonly CancellationTokenSource timeout = new(TimeSpan.FromSeconds(30));

    public void Dispose() => timeout.Dispose();

    [Theory]
    [InlineData("SELECT 1", true)]
    [InlineData("  select * from system.backups", true)]
    [InlineData("WITH x AS (SELECT 1) SELECT * FROM x", true)]
    [InlineData("(SELECT 1) UNION ALL (SELECT 2)", true)]
    [InlineData("SHOW TABLES", true)]
    [InlineData("EXISTS TABLE shop.events", true)]
    [InlineData("BACKUP DATABASE shop TO S3('u') ASYNC", false)]
    [InlineData("RESTORE DATABASE shop FROM S3('u') ASYNC", false)]
    [InlineData("KILL QUERY WHERE query_id = {q:String} ASYNC", false)]
    [InlineData("CHECK TABLE shop.events", false)]
    [InlineData("SELECTED", false)]
    public void Only_statements_that_read_count_as_reads(string sql, bool read) =>
        Assert.Equal(read, RetryingClickHouseClient.IsRead(new ClickHouseQuery(sql)));

    [Fact]
    public async Task A_read_that_cannot_reach_the_server_is_tried_again()
    {
        var inner = new FailingClient(1);
        var client = new RetryingClickHouseClient(inner, RetryingClickHouseClient.DefaultPolicy, time);

        var read = client.ExecuteAsync(new ClickHouseQuery("SELECT 1"), timeout.Token);
        await time.WaitForActiveTimersAsync(1, timeout.Token);
        time.Advance(time.NextTimerDueAt!.Value - time.GetUtcNow());
        await read;

        Assert.Equal(2, inner.Calls);
    }

    [Fact]
    public async Task A_backup_and_a_server_error_are_not_tried_again()
    {
        var inner = new FailingClient(1);
        var client = new RetryingClickHouseClient(inner, RetryingClickHouseClient.DefaultPolicy, time);
        await Assert.ThrowsAsync<ClickHouseUnavailableException>(() => client.ExecuteAsync(new ClickHouseQuery("BACKUP DATABASE d TO Disk('b', 'x')"), timeout.Token));

        var refusing = new FailingClient(1, new ClickHouseServerException(60, "Code: 60. no table", "q"));
        var reading = new RetryingClickHouseClient(refusing, RetryingClickHouseClient.DefaultPolicy, time);
        await Assert.ThrowsAsync<ClickHouseServerException>(() => reading.ExecuteAsync(new ClickHouseQuery("SELECT * FROM t"), timeout.Token));

        Assert.Equal(1, inner.Calls);
        Assert.Equal(1, refusing.Calls);
        Assert.Equal(0, time.ActiveTimerCount);
    }

    private sealed class FailingClient(int failures, Exception? failure = null) : IClickHouseClient
    {
        public int Calls { get; private set; }

        public Task ExecuteAsync(ClickHouseQuery query, CancellationToken cancellationToken) =>
            ++Calls <= failures
                ? Task.FromException(failure ?? new ClickHouseUnavailableException("connection refused", new HttpRequestException("refused")))
                : Task.CompletedTask;

        public Task<IReadOnlyList<T>> QueryAsync<T>(ClickHouseQuery query, JsonTypeInfo<T> rowType, CancellationToken cancellationToken) =>
            throw new NotSupportedException("not used by these tests");
    }
}
