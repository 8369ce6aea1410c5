using ClickVault.Cluster.Coordinator.Retention;
using Xunit;
using static ClickVault.Cluster.Coordinator.Tests.Retention.RetentionCatalog;

namespace ClickVault.Cluster.Coordinator.Tests.Retention;

public sealed class ShardChainsTests
{
    [Fact]
    public void Groups_by_base_links_with_the_newest_full_first()
    {
        var grouped = ShardChains.From(Of(Full("1101"), Inc("1102", "1101"), Full("1108"), Inc("1109", "1108"), Inc("1110", "1109")));

        Assert.Equal([Run("1108"), Run("1101")], grouped.Chains.Select(c => c.Full.RunId));
        Assert.Equal([Run("1108"), Run("1109"), Run("1110")], grouped.Chains[0].Backups.Select(b => b.RunId));
        Assert.Equal(Run("1110"), grouped.Chains[0].NewestRestorePoint.RunId);
        Assert.Empty(grouped.Orphans);
    }

    [Fact]
    public void An_incremental_belongs_to_the_chain_of_its_base_even_across_a_newer_full()
    {
        var grouped = ShardChains.From(Of(Full("1101"), Inc("1102", "1101"), Full("1108"), Inc("1109", "1102")));

        Assert.Equal([Run("1101"), Run("1102"), Run("1109")], grouped.Chains.Single(c => c.Full.RunId == Run("1101")).Backups.Select(b => b.RunId));
        Assert.Equal([Run("1108")], grouped.Chains.Single(c => c.Full.RunId == Run("1108")).Backups.Select(b => b.RunId));
    }

    public static TheoryData<string, string, string> BrokenLinks => new()
    {
        { "1102", "1031", "its base 20261031T020000Z is not in the catalog" },
        { "1102", "1105", "its base 20261105T020000Z is not older than itself" },
        { "1102", "1102", "its base 20261102T020000Z is not older than itself" },
    };

    [Theory]
    [MemberData(nameof(BrokenLinks))]
    public void An_incremental_whose_bases_do_not_reach_a_full_is_an_orphan(string day, string baseDay, string brokenLink)
    {
        var grouped = ShardChains.From(Of(Full("1101"), Inc(day, baseDay), Full("1105")));

        var orphan = Assert.Single(grouped.Orphans);
        Assert.Equal(Run(day), orphan.Backup.RunId);
        Assert.Equal(brokenLink, orphan.BrokenLink);
        Assert.All(grouped.Chains, c => Assert.DoesNotContain(orphan.Backup, c.Backups));
    }

    [Fact]
    public void Orphans_are_inherited_and_listed_oldest_first()
    {
        var grouped = ShardChains.From(Of(Inc("1104", "1103"), Inc("1103", null), Full("1101")));

        Assert.Equal([Run("1103"), Run("1104")], grouped.Orphans.Select(o => o.Backup.RunId));
        Assert.Equal("it is an incremental without a base", grouped.Orphans[0].BrokenLink);
        Assert.Equal("it builds on 20261103T020000Z, an orphan: it is an incremental without a base", grouped.Orphans[1].BrokenLink);
    }
}
