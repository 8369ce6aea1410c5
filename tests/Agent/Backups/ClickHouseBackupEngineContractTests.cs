using System.Text.Json.Serialization;
using ClickVault.Cluster.Agent.Backups;
using ClickVault.Cluster.Agent.Configuration;
using ClickVault.Cluster.Shared.ClickHouse;
using ClickVault.Cluster.Shared.Protocol;
using ClickVault.Cluster.Testing.Embedded;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace ClickVault.Cluster.Agent.Tests.Backups;

[Collection(SingleNodeCollection.Name)]
public sealed class ClickHouseBackupEngineContractTests : BackupEngineContract, IAsyncLifetime
{
    private readonly SingleNodeFixture _fixture;
    private readonly IClickHouseClient _client;

    public ClickHouseBackupEngineContractTests(SingleNodeFixture fixture)
    {
        _fixture = fixture;
        _client = fixture.ClientFor(fixture.Node);
        Engine = new ClickHouseBackupEngine(
            _client, new DestinationOptions { Disk = fixture.Cluster.BackupDisk }, TimeProvider.System, NullLogger<ClickHouseBackupEngine>.Instance);
    }

    protected override IBackupEngine Engine { get; }

    protected override string Database => AgentTestDatabase.Name;

    protected override bool KillAlwaysWins => false;

    public Task InitializeAsync() => AgentTestDatabase.EnsureAsync(_client, CancellationToken.None);

    public Task DisposeAsync() => Task.CompletedTask;

    protected override Task LetTimePassAsync() => Task.Delay(TimeSpan.FromMilliseconds(50));

    protected override Task DropDatabaseAsync(string database) =>
        _client.ExecuteAsync(new ClickHouseQuery($"DROP DATABASE IF EXISTS `{database}`"), CancellationToken.None);

    protected override async Task<int> CountStartedAsync(OperationId id)
    {
        var rows = await _client.QueryAsync(
            new ClickHouseQuery("SELECT count() AS n FROM system.backups WHERE id = {id:String}") { Parameters = [QueryParameter.String("id", id.Value)] },
            CountJson.Default.CountRow, CancellationToken.None);
        return (int)rows[0].N;
    }

    [Fact]
    public async Task An_id_absent_from_system_backups_is_unknown_even_though_system_backup_log_does_not_exist_here()
    {
        var e = await Assert.ThrowsAsync<ClickHouseServerException>(() =>
            _client.ExecuteAsync(new ClickHouseQuery("SELECT count() FROM system.backup_log"), CancellationToken.None));
        Assert.Equal(60, e.Code);

        Assert.Equal(OperationState.Unknown, (await Engine.FindAsync(NewId(), CancellationToken.None)).State);
    }

    [Fact]
    public async Task An_s3_backup_never_shows_the_secret_key_in_logs_or_reports()
    {
        const string secret = "agent-Secret-Key-93f1";
        var logs = new LogCapture();
        var engine = new ClickHouseBackupEngine(_client, new DestinationOptions
        {
            S3Endpoint = new Uri(_fixture.Cluster.S3.Endpoint),
            S3Bucket = _fixture.Cluster.S3.Bucket,
            S3AccessKey = "agent-access-key",
            S3SecretKey = secret,
        }, TimeProvider.System, new Microsoft.Extensions.Logging.Logger<ClickHouseBackupEngine>(new Microsoft.Extensions.Logging.LoggerFactory([logs])));
        var id = NewId();

        await engine.StartAsync(Command(id, Database) with { Destination = new DestinationSpec(DestinationKind.S3, $"agent-tests/{id}/") }, CancellationToken.None);
        OperationReport report;
        do
        {
            await LetTimePassAsync();
            report = await engine.FindAsync(id, CancellationToken.None);
        }
        while (!report.IsFinished);

        var started = Assert.Single(logs.Entries, e => e.Message.StartsWith($"starting backup {id}", StringComparison.Ordinal));
        Assert.Contains($"S3('{_fixture.Cluster.S3.Endpoint}/{_fixture.Cluster.S3.Bucket}/agent-tests/{id}/', '[HIDDEN]', '[HIDDEN]')", started.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains("agent-access-key", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains(secret, StringComparison.Ordinal));
        Assert.DoesNotContain(secret, report.Error, StringComparison.Ordinal);
    }
}
