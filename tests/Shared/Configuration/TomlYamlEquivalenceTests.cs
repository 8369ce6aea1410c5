using ClickVault.Cluster.Embedded.Launch;
using ClickVault.Cluster.Shared.Configuration;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace ClickVault.Cluster.Shared.Tests.Configuration;

/// <summary>The shipped TOML examples are the YAML examples converted: the same keys and values, key for key.</summary>
public sealed class TomlYamlEquivalenceTests
{
    [Theory]
    [InlineData("coordinator")]
    [InlineData("agent")]
    public void The_toml_example_yields_exactly_the_keys_and_values_of_the_yaml_example(string kind)
    {
        var fromYaml = Load(Path.Combine(RepoPaths.Root(), "deploy", $"{kind}.example.yaml"));
        var fromToml = Load(Path.Combine(RepoPaths.Root(), "deploy", $"{kind}.example.toml"));

        Assert.True(fromYaml.Count > 20);
        Assert.Equal(fromYaml, fromToml);
    }

    private static List<KeyValuePair<string, string?>> Load(string path) =>
        [.. ConfigurationFileLoader.Load(path).AsEnumerable().OrderBy(kv => kv.Key, StringComparer.Ordinal)];
}
