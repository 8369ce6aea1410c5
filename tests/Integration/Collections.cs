using ClickVault.Cluster.Testing.Embedded;
using Xunit;

namespace ClickVault.Cluster.Integration.Tests;

[CollectionDefinition(Name)]
public sealed class TwoByTwoCollection : ICollectionFixture<TwoByTwoClusterFixture>
{
    public const string Name = "embedded 2x2 cluster";
}
