using ClickVault.Cluster.Shared.Configuration;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace ClickVault.Cluster.Shared.Tests.Configuration;

public sealed class YamlBindingTests : IDisposable
{
    private readonly TempConfigDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void Booleans_numbers_timespans_lists_and_dictionaries_bind_into_an_options_record()
    {
        var path = dir.Write("sample.yaml", """
            sample:
              name: nightly
              enabled: true
              verbose: False
              max_attempts: 7
              ratio: 0.25
              size: 18446744073709551615
              timeout: 00:01:30
              databases:
                - sales
                - events
              headers:
                X-Team: storage
              targets:
                - name: a
                  on_success: true
                - name: b
            """);
        var root = new ConfigurationBuilder().AddYamlFile(path).Build();

        var options = root.GetSection("sample").Get<SampleOptions>();

        Assert.NotNull(options);
        Assert.Equal("nightly", options.Name);
        Assert.True(options.Enabled);
        Assert.False(options.Verbose);
        Assert.Equal(7, options.MaxAttempts);
        Assert.Equal(0.25, options.Ratio);
        Assert.Equal(ulong.MaxValue, options.Size);
        Assert.Equal(TimeSpan.FromSeconds(90), options.Timeout);
        Assert.Equal(["sales", "events"], options.Databases);
        Assert.Equal("storage", options.Headers["X-Team"]);
        Assert.Equal(2, options.Targets.Count);
        Assert.True(options.Targets[0].OnSuccess);
        Assert.Equal("b", options.Targets[1].Name);
        Assert.False(options.Targets[1].OnSuccess);
    }

    [Fact]
    public void Missing_keys_keep_their_defaults_and_an_empty_sequence_binds_as_the_json_providers_empty_array_does()
    {
        var yaml = new ConfigurationBuilder().AddYamlFile(dir.Write("sample.yaml", "sample:\n  name: x\n  databases: []\n")).Build();
        var json = new ConfigurationBuilder().AddJsonFile(dir.Write("sample.json", "{\"sample\": {\"name\": \"x\", \"databases\": []}}")).Build();

        var fromYaml = yaml.GetSection("sample").Get<SampleOptions>();
        var fromJson = json.GetSection("sample").Get<SampleOptions>();

        Assert.NotNull(fromYaml);
        Assert.NotNull(fromJson);
        Assert.Equal("x", fromYaml.Name);
        Assert.Equal(TimeSpan.FromSeconds(10), fromYaml.Timeout);
        Assert.Equal(4, fromYaml.MaxAttempts);
        Assert.True(fromYaml.Verbose);
        Assert.Equal(fromJson.Databases, fromYaml.Databases);
    }

    [Fact]
    public void A_value_that_does_not_convert_fails_binding_naming_the_key()
    {
        var path = dir.Write("sample.yaml", "sample:\n  enabled: yes\n");
        var root = new ConfigurationBuilder().AddYamlFile(path).Build();

        var error = Assert.Throws<InvalidOperationException>(() => root.GetSection("sample").Get<SampleOptions>());

        Assert.Contains("sample:enabled", error.Message, StringComparison.Ordinal);
    }

    private sealed record SampleOptions
    {
        [ConfigurationKeyName("name")]
        public string Name { get; init; } = "";

        [ConfigurationKeyName("enabled")]
        public bool Enabled { get; init; }

        [ConfigurationKeyName("verbose")]
        public bool Verbose { get; init; } = true;

        [ConfigurationKeyName("max_attempts")]
        public int MaxAttempts { get; init; } = 4;

        [ConfigurationKeyName("ratio")]
        public double Ratio { get; init; }

        [ConfigurationKeyName("size")]
        public ulong Size { get; init; }

        [ConfigurationKeyName("timeout")]
        public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

        [ConfigurationKeyName("databases")]
        public IReadOnlyList<string> Databases { get; init; } = [];

        [ConfigurationKeyName("headers")]
        public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

        [ConfigurationKeyName("targets")]
        public IReadOnlyList<SampleTarget> Targets { get; init; } = [];
    }

    private sealed record SampleTarget
    {
        [ConfigurationKeyName("name")]
        public string Name { get; init; } = "";

        [ConfigurationKeyName("on_success")]
        public bool OnSuccess { get; init; }
    }
}
