using ClickVault.Cluster.Shared.Storage;

namespace ClickVault.Cluster.Shared.Tests.Storage;

public sealed class InMemoryObjectStoreContractTests : ObjectStoreContract
{
    protected override IObjectStore Store { get; } = new InMemoryObjectStore();
}
