using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Storage;
using ClickVault.Cluster.Testing.Agents;
using ClickVault.Cluster.Testing.Coordinator;
using ClickVault.Cluster.Testing.Embedded;
using ClickVault.Cluster.Testing.Tls;

namespace ClickVault.Cluster.Integration.Tests.ClusterRuns;

/// <summary>For tests that run the coordinator themselves (its Program, e.g. in run-once mode) instead of an in-process host.</summary>
internal sealed partial class ClusterScenario
{
    /// <summary>The scenario's database and prefix, with no coordinator and no agents started.</summary>
    public static ClusterScenario Prepare(TwoByTwoClusterFixture fixture, string label) => Create(fixture, label);

    /// <summary>Agents next to <paramref name="nodes"/> (default: every node) reaching the coordinator at <see cref="RemotingPort"/>, up or not yet.</summary>
    public async Task StartAgentsAsync(IEnumerable<string>? nodes = null) =>
        Agents = await InProcessAgents.StartAsync(Cluster, $"127.0.0.1:{RemotingPort}", nodes);

    /// <summary>The Akka.Remote port of this scenario's coordinators.</summary>
    public string RemotingPort => _settings["remoting:port"]!;

    /// <summary>A coordinator config file (YAML) with this scenario's settings, listening on <paramref name="port"/>.</summary>
    public string CoordinatorYaml(int port, string agentTimeout) => $"""
        coordinator:
          cluster: {Cluster.Cluster}
          listen: http://127.0.0.1:{port}
          agent_token: {InProcessCoordinator.AgentToken}
          operator_token: {InProcessCoordinator.OperatorToken}
          heartbeat_interval: "00:00:01"
          agent_timeout: "00:00:05"
        remoting:
          port: {RemotingPort}
          tls_certificate: {TestCertificates.Default.Coordinator}
          tls_password: {TestCertificates.Password}
          tls_ca: {TestCertificates.Default.Authority}
        backup:
          databases: [{Database}]
          prefix: {Prefix}
          destination: disk
          disk: {Cluster.BackupDisk}
          replica_priority: [replica-1]
          poll_interval: "00:00:00.100"
        s3:
          endpoint: {Cluster.S3.Endpoint}
          bucket: {Cluster.S3.Bucket}
          access_key: {Cluster.S3.AccessKey}
          secret_key: {Cluster.S3.SecretKey}
        run_once:
          agent_timeout: "{agentTimeout}"

        """;

    /// <summary>The run manifests in S3 under this scenario's prefix, newest first.</summary>
    public async Task<IReadOnlyList<RunManifest>> ManifestsAsync()
    {
        using var store = new S3ObjectStore(S3Options());
        var catalog = new CatalogStore(store, new BackupLayout(new LayoutOptions(Prefix, new ClusterName(Cluster.Cluster))));
        return await catalog.ListRunManifestsAsync(10, CancellationToken.None);
    }
}
