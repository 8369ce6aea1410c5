using ClickVault.Cluster.Shared.Storage;
using ClickVault.Cluster.Testing.S3;
using Xunit;

namespace ClickVault.Cluster.Shared.Tests.Storage;

public sealed class S3ObjectStoreContractTests(S3rverFixture fixture) : ObjectStoreContract, IClassFixture<S3rverFixture>
{
    protected override IObjectStore Store => fixture.Store;
}
