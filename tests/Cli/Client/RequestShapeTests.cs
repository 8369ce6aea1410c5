using ClickVault.Cluster.Cli.Client;
using ClickVault.Cluster.Shared.Layout;
using Xunit;

namespace ClickVault.Cluster.Cli.Tests.Client;

public sealed class RequestShapeTests
{
    [Theory]
    [InlineData("http://127.0.0.1:7480", "http://127.0.0.1:7480/api/status")]
    [InlineData("http://127.0.0.1:7480/", "http://127.0.0.1:7480/api/status")]
    [InlineData("https://ops.example/clickvault", "https://ops.example/clickvault/api/status")]
    [InlineData("https://ops.example/clickvault/", "https://ops.example/clickvault/api/status")]
    public void Routes_keep_the_coordinators_path_prefix(string coordinator, string expected)
    {
        var connection = new CoordinatorConnection(new Uri(coordinator), null, TimeSpan.FromSeconds(30));

        Assert.Equal(new Uri(expected), connection.Resolve("/api/status"));
    }

    [Fact]
    public void Backup_filters_become_the_query_string()
    {
        Assert.Equal(string.Empty, BackupFilter.None.ToQueryString());
        Assert.Equal("?kind=full", new BackupFilter(null, BackupKind.Full, null).ToQueryString());
        Assert.Equal(
            "?shard=eu-1&kind=incremental&run=20260101T020000Z",
            new BackupFilter(new ShardId("eu-1"), BackupKind.Incremental, RunId.Parse("20260101T020000Z")).ToQueryString());
    }
}
