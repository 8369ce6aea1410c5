using ClickVault.Cluster.Testing.Embedded;
using Xunit;

namespace ClickVault.Cluster.Agent.Tests;

/// <summary>Tests on one real embedded ClickHouse node (and its S3 server), run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class SingleNodeCollection : ICollectionFixture<SingleNodeFixture>
{
    public const string Name = "agent: embedded single node";
}
