using ClickVault.Cluster.Shared.Configuration;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace ClickVault.Cluster.Shared.Tests.Configuration;

public sealed class YamlJsonEquivalenceTests : IDisposable
{
    private const string Yaml = """
        # ClickVault coordinator
        coordinator:
          cluster: prod
          listen: http://0.0.0.0:7480
          agent_token: "0123456789abcdef"
          heartbeat_interval: 00:00:05
        backup:
          databases: [sales, events]
          destination: disk
          max_chain_depth: 0
          poll_interval: 00:00:01.500
          replica_priority: []
          replica_policy: spread
          retention: {}
        notifications:
          targets:
            - name: ops
              type: slack
              url: https://hooks.example.com/services/T0/B0/abc
              on_success: true
              on_failure: false
            - name: audit
              type: webhook
              method: PUT
              headers:
                X-Api-Key: k3y
              timeout: 00:00:03
              max_attempts: 2
              note: ~
        """;

    private const string Json = """
        {
          "coordinator": {
            "cluster": "prod",
            "listen": "http://0.0.0.0:7480",
            "agent_token": "0123456789abcdef",
            "heartbeat_interval": "00:00:05"
          },
          "backup": {
            "databases": ["sales", "events"],
            "destination": "disk",
            "max_chain_depth": 0,
            "poll_interval": "00:00:01.500",
            "replica_priority": [],
            "replica_policy": "spread",
            "retention": {}
          },
          "notifications": {
            "targets": [
              {
                "name": "ops",
                "type": "slack",
                "url": "https://hooks.example.com/services/T0/B0/abc",
                "on_success": true,
                "on_failure": false
              },
              {
                "name": "audit",
                "type": "webhook",
                "method": "PUT",
                "headers": { "X-Api-Key": "k3y" },
                "timeout": "00:00:03",
                "max_attempts": 2,
                "note": null
              }
            ]
          }
        }
        """;

    private readonly TempConfigDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void A_yaml_file_and_the_equivalent_json_file_yield_the_same_keys_and_values()
    {
        var fromYaml = TempConfigDirectory.Flatten(new ConfigurationBuilder().AddYamlFile(dir.Write("c.yaml", Yaml)).Build());
        var fromJson = TempConfigDirectory.Flatten(new ConfigurationBuilder().AddJsonFile(dir.Write("c.json", Json)).Build());

        Assert.Equal(24, fromJson.Count);
        Assert.Equal(fromJson.OrderBy(kv => kv.Key, StringComparer.Ordinal), fromYaml.OrderBy(kv => kv.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void Both_files_loaded_through_configuration_files_give_the_same_configuration()
    {
        var fromYaml = ConfigurationFiles.Add(new ConfigurationBuilder(), dir.Write("c.yml", Yaml)).Build();
        var fromJson = ConfigurationFiles.Add(new ConfigurationBuilder(), dir.Write("c.json", Json)).Build();

        Assert.Equal(
            fromJson.AsEnumerable().OrderBy(kv => kv.Key, StringComparer.Ordinal),
            fromYaml.AsEnumerable().OrderBy(kv => kv.Key, StringComparer.Ordinal));
        Assert.Equal("k3y", fromYaml["notifications:targets:1:headers:X-Api-Key"]);
    }
}
