using ClickVault.Cluster.Agent.Backups;
using ClickVault.Cluster.Shared.Protocol;
using Microsoft.Extensions.Time.Testing;

namespace ClickVault.Cluster.Agent.Tests.Backups;

public sealed class InMemoryBackupEngineContractTests : BackupEngineContract
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly InMemoryBackupEngine _engine;

    public InMemoryBackupEngineContractTests() => _engine = new InMemoryBackupEngine(_time, ["shop"], TimeSpan.FromSeconds(10));

    protected override IBackupEngine Engine => _engine;

    protected override string Database => "shop";

    protected override Task LetTimePassAsync()
    {
        _time.Advance(TimeSpan.FromSeconds(1));
        return Task.CompletedTask;
    }

    protected override Task<int> CountStartedAsync(OperationId id) =>
        Task.FromResult(_engine.Statements.Count(s => s.Contains($"id = '{id}'", StringComparison.Ordinal)));
}
