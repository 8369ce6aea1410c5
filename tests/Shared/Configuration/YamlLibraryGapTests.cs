extern alias NetEscapades;

using ClickVault.Cluster.Testing.Configuration;
using Microsoft.Extensions.Configuration;
using Xunit;
using Library = NetEscapades::Microsoft.Extensions.Configuration.YamlConfigurationExtensions;
using Ours = ClickVault.Cluster.Shared.Configuration.YamlConfigurationExtensions;

namespace ClickVault.Cluster.Shared.Tests.Configuration;

/// <summary>
/// Why the product keeps its own YAML provider instead of NetEscapades.Configuration.Yaml 3.1.0 (README, "Configuration
/// files"): on the same files the library reports duplicate keys and malformed YAML without a line (and a duplicate without its path), ignores merge
/// keys and crashes on complex keys. If one of these starts to fail, the library caught up: reconsider the switch.
/// </summary>
public sealed class YamlLibraryGapTests : IDisposable
{
    private readonly ScratchDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void A_duplicate_key_is_named_with_its_line_only_by_ours()
    {
        var path = dir.Write("dup.yaml", "backup:\n  prefix: a\n  databases: [shop]\n  prefix: b\n");

        var ours = Assert.Throws<InvalidDataException>(() => Ours.AddYamlFile(new ConfigurationBuilder(), path).Build());
        var library = Assert.ThrowsAny<Exception>(() => Library.AddYamlFile(new ConfigurationBuilder(), path).Build());

        Assert.Contains("line 4", ours.InnerException!.Message, StringComparison.Ordinal);
        Assert.Contains("duplicate key 'backup:prefix'", ours.InnerException.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("backup:prefix", Chain(library), StringComparison.Ordinal);
        Assert.DoesNotContain("line", Chain(library), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Malformed_yaml_is_placed_in_the_file_only_by_ours()
    {
        var path = dir.Write("bad.yaml", "coordinator:\n  cluster: prod\n listen: x\n");

        var ours = Assert.Throws<InvalidDataException>(() => Ours.AddYamlFile(new ConfigurationBuilder(), path).Build());
        var library = Assert.ThrowsAny<Exception>(() => Library.AddYamlFile(new ConfigurationBuilder(), path).Build());

        Assert.StartsWith($"{path}: line 3, column ", ours.InnerException!.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("line 3", Chain(library), StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_keys_copy_settings_only_in_ours()
    {
        var path = dir.Write("merge.yaml", "defaults: &d\n  timeout: 5s\ntargets:\n  - <<: *d\n    name: a\n");

        var ours = Ours.AddYamlFile(new ConfigurationBuilder(), path).Build();
        var library = Library.AddYamlFile(new ConfigurationBuilder(), path).Build();

        Assert.Equal("5s", ours["targets:0:timeout"]);
        Assert.Null(library["targets:0:timeout"]);
        Assert.Equal("5s", library["targets:0:<<:timeout"]);
    }

    [Fact]
    public void A_complex_key_is_a_clear_error_only_in_ours()
    {
        var path = dir.Write("complex.yaml", "? [a, b]\n: 1\n");

        var ours = Assert.Throws<InvalidDataException>(() => Ours.AddYamlFile(new ConfigurationBuilder(), path).Build());
        var library = Assert.ThrowsAny<Exception>(() => Library.AddYamlFile(new ConfigurationBuilder(), path).Build());

        Assert.Contains("keys must be plain values", ours.InnerException!.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidCastException>(library.InnerException);
    }

    private static string Chain(Exception e) => e.InnerException is null ? e.Message : $"{e.Message} | {Chain(e.InnerException)}";
}
