using ClickVault.Cluster.Coordinator.Restores;
using ClickVault.Cluster.Coordinator.Verification;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Layout;
using Xunit;

namespace ClickVault.Cluster.Coordinator.Tests.Verification;

public sealed class VerifyOptionsTests
{
    [Fact]
    public void Latest_and_a_run_id_with_an_optional_shard_parse()
    {
        Assert.Equal(new VerifyOptions(null, null), VerifyOptions.Parse(new StartVerifyRequest("latest")));
        Assert.Equal(new VerifyOptions(RunId.Parse("20260101T020000Z"), new ShardId("2")), VerifyOptions.Parse(new StartVerifyRequest("20260101T020000Z", "2")));
    }

    [Theory]
    [InlineData("yesterday", null, "run 'yesterday' is neither 'latest' nor a run id")]
    [InlineData("latest", "", "shard: ")]
    public void Bad_fields_are_invalid_requests_naming_the_field(string run, string? shard, string message)
    {
        var e = Assert.Throws<RestoreRefusedException>(() => VerifyOptions.Parse(new StartVerifyRequest(run, shard)));

        Assert.Equal((400, "invalid_request"), (e.Status, e.Code));
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }
}
