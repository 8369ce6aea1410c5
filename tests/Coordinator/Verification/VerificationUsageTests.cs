using ClickVault.Cluster.Coordinator.Verification;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Layout;
using Xunit;

namespace ClickVault.Cluster.Coordinator.Tests.Verification;

public sealed class VerificationUsageTests
{
    [Fact]
    public async Task The_chain_a_verification_reads_is_in_use_for_retention_until_it_ended()
    {
        var usage = new VerificationUsage();
        var full = RunId.Parse("20260101T020000Z");
        var incremental = RunId.Parse("20260102T020000Z");
        var catalog = ShardCatalog.Empty("c", "2", "shard-2");

        usage.Add("verify-20260103T000000Z", new ShardId("2"), [full, incremental]);
        var during = await usage.GetAsync(default);
        usage.Clear();
        var after = await usage.GetAsync(default);

        Assert.Equal(
            new Dictionary<RunId, string> { [full] = "verification verify-20260103T000000Z reads it", [incremental] = "verification verify-20260103T000000Z reads it" },
            during.For(new ShardId("2"), catalog));
        Assert.Empty(during.For(new ShardId("1"), catalog));
        Assert.Empty(after.Uses);
    }
}
