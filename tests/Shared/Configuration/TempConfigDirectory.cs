using ClickVault.Cluster.Shared.Configuration;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace ClickVault.Cluster.Shared.Tests.Configuration;

/// <summary>A fresh directory for one test's configuration files, deleted on dispose.</summary>
internal sealed class TempConfigDirectory : IDisposable
{
    public TempConfigDirectory() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "clickvault-config-tests", Guid.NewGuid().ToString("N"));

    public string Write(string name, string content)
    {
        var path = Path.Combine(Root, name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>The keys and values a single YAML file yields, sections without a value of their own left out.</summary>
    public IReadOnlyDictionary<string, string?> LoadYaml(string content, string name = "config.yaml") =>
        Flatten(new ConfigurationBuilder().AddYamlFile(Write(name, content)).Build());

    public static IReadOnlyDictionary<string, string?> Flatten(IConfigurationRoot root)
    {
        var provider = Assert.Single(root.Providers);
        return root.AsEnumerable()
            .Where(kv => provider.TryGet(kv.Key, out _))
            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
