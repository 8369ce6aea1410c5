using ClickVault.Cluster.Testing.Embedded;
using Xunit;

namespace ClickVault.Cluster.Embedded.Tests;

[CollectionDefinition(Name)]
public sealed class SingleNodeCollection : ICollectionFixture<SingleNodeFixture>
{
    public const string Name = "embedded single node";
}
