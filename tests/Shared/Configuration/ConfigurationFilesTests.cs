using ClickVault.Cluster.Shared.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Xunit;

namespace ClickVault.Cluster.Shared.Tests.Configuration;

public sealed class ConfigurationFilesTests : IDisposable
{
    private readonly TempConfigDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Theory]
    [InlineData("c.yaml", "a:\n  b: yaml\n", typeof(YamlConfigurationSource))]
    [InlineData("c.YML", "a:\n  b: yaml\n", typeof(YamlConfigurationSource))]
    [InlineData("c.json", "{\"a\": {\"b\": \"json\"}}", typeof(JsonConfigurationSource))]
    [InlineData("c.toml", "[a]\nb = \"toml\"\n", typeof(TomlConfigurationSource))]
    public void The_extension_chooses_the_format(string name, string content, Type sourceType)
    {
        var builder = new ConfigurationBuilder();

        ConfigurationFiles.Add(builder, dir.Write(name, content));

        Assert.IsType(sourceType, Assert.Single(builder.Sources));
        Assert.NotNull(builder.Build()["a:b"]);
    }

    [Fact]
    public void A_relative_path_resolves_against_the_working_directory()
    {
        var path = dir.Write("rel.yaml", "a: 1\n");
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);

        var root = ConfigurationFiles.Add(new ConfigurationBuilder(), relative).Build();

        Assert.Equal("1", root["a"]);
    }

    [Theory]
    [InlineData("config.ini", "'.ini'")]
    [InlineData("config.tml", "'.tml'")]
    [InlineData("config", "no extension")]
    public void Any_other_extension_is_refused_naming_the_path_and_the_supported_ones(string name, string expected)
    {
        var path = Path.Combine(dir.Root, name);

        var error = Assert.Throws<ArgumentException>(() => ConfigurationFiles.Add(new ConfigurationBuilder(), path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains(".yaml, .yml, .json, .toml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_an_error_whatever_its_format()
    {
        var builder = ConfigurationFiles.Add(new ConfigurationBuilder(), Path.Combine(dir.Root, "missing.yml"));

        Assert.Throws<FileNotFoundException>(builder.Build);
    }
}
