using ClickVault.Cluster.Shared.Configuration;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace ClickVault.Cluster.Shared.Tests.Configuration;

public sealed class YamlConfigurationProviderTests : IDisposable
{
    private readonly TempConfigDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void Nested_mappings_become_colon_separated_sections()
    {
        var data = dir.LoadYaml("""
            coordinator:
              cluster: prod
              listen: http://0.0.0.0:7480
              tls:
                enabled: false
            """);

        Assert.Equal(
            new Dictionary<string, string?>
            {
                ["coordinator:cluster"] = "prod",
                ["coordinator:listen"] = "http://0.0.0.0:7480",
                ["coordinator:tls:enabled"] = "False",
            },
            data);
    }

    [Fact]
    public void Sequences_of_scalars_and_of_mappings_are_numbered_from_zero()
    {
        var data = dir.LoadYaml("""
            backup:
              databases: [sales, "events"]
            notifications:
              targets:
                - name: ops
                  type: slack
                - name: audit
                  headers:
                    X-Api-Key: abc
            """);

        Assert.Equal("sales", data["backup:databases:0"]);
        Assert.Equal("events", data["backup:databases:1"]);
        Assert.Equal("ops", data["notifications:targets:0:name"]);
        Assert.Equal("slack", data["notifications:targets:0:type"]);
        Assert.Equal("audit", data["notifications:targets:1:name"]);
        Assert.Equal("abc", data["notifications:targets:1:headers:X-Api-Key"]);
        Assert.Equal(6, data.Count);
    }

    [Fact]
    public void Null_tilde_and_empty_values_are_null_while_quoted_and_tagged_ones_stay_strings()
    {
        var data = dir.LoadYaml("""
            a: ~
            b: null
            c:
            d: ''
            e: "null"
            f: !!str null
            g: !!null whatever
            """);

        Assert.Null(data["a"]);
        Assert.Null(data["b"]);
        Assert.Null(data["c"]);
        Assert.Equal("", data["d"]);
        Assert.Equal("null", data["e"]);
        Assert.Equal("null", data["f"]);
        Assert.Null(data["g"]);
    }

    [Fact]
    public void Scalars_keep_their_text_except_yaml_booleans_which_are_written_as_the_json_provider_writes_them()
    {
        var data = dir.LoadYaml("""
            t1: true
            t2: TRUE
            f1: false
            quoted: "true"
            yes_is_a_string: yes
            number: 1.50
            hex: 0x1F
            span: 00:00:30
            literal: |
              line 1
              line 2
            after: x
            """);

        Assert.Equal("True", data["t1"]);
        Assert.Equal("True", data["t2"]);
        Assert.Equal("False", data["f1"]);
        Assert.Equal("true", data["quoted"]);
        Assert.Equal("yes", data["yes_is_a_string"]);
        Assert.Equal("1.50", data["number"]);
        Assert.Equal("0x1F", data["hex"]);
        Assert.Equal("00:00:30", data["span"]);
        Assert.Equal("line 1\nline 2\n", data["literal"]);
    }

    [Fact]
    public void Comments_are_ignored_wherever_they_appear()
    {
        var data = dir.LoadYaml("""
            # the coordinator
            coordinator:   # section comment
              cluster: prod # trailing comment
              # between keys
              listen: "http://h:1 # not a comment inside quotes"
            """);

        Assert.Equal(
            new Dictionary<string, string?>
            {
                ["coordinator:cluster"] = "prod",
                ["coordinator:listen"] = "http://h:1 # not a comment inside quotes",
            },
            data);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# nothing but a comment\n")]
    [InlineData("---\n")]
    [InlineData("~\n")]
    public void An_empty_file_yields_no_keys(string content) =>
        Assert.Empty(dir.LoadYaml(content));

    [Fact]
    public void Empty_mappings_and_sequences_follow_the_json_provider()
    {
        var data = dir.LoadYaml("""
            headers: {}
            databases: []
            """);

        Assert.Null(data["headers"]);
        Assert.Equal("", data["databases"]);
    }

    [Fact]
    public void Anchors_aliases_and_merge_keys_copy_settings_and_explicit_keys_win()
    {
        var data = dir.LoadYaml("""
            defaults: &defaults
              type: webhook
              timeout: 00:00:05
            targets:
              - <<: *defaults
                name: a
                timeout: 00:00:09
              - name: b
                extra: *defaults
            """);

        Assert.Equal("webhook", data["targets:0:type"]);
        Assert.Equal("00:00:09", data["targets:0:timeout"]);
        Assert.Equal("a", data["targets:0:name"]);
        Assert.False(data.ContainsKey("targets:0:<<"));
        Assert.Equal("00:00:05", data["targets:1:extra:timeout"]);
    }

    [Fact]
    public void Malformed_yaml_fails_naming_the_file_line_and_column()
    {
        var path = dir.Write("bad.yaml", "coordinator:\n  cluster: prod\n listen: x\n");

        var error = Assert.Throws<InvalidDataException>(() => new ConfigurationBuilder().AddYamlFile(path).Build());

        var yaml = Assert.IsType<YamlConfigurationException>(error.InnerException);
        Assert.Equal(path, yaml.FilePath);
        Assert.Equal(3, yaml.Line);
        Assert.True(yaml.Column > 0);
        Assert.StartsWith($"{path}: line 3, column {yaml.Column}: ", yaml.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("backup:\n  databases: [a, b\n", 3, "did not find expected ',' or ']'")]
    [InlineData("a: [1, 2\nb: 3\n", 2, "malformed YAML")]
    public void An_unclosed_flow_sequence_is_reported_with_a_position(string content, int line, string expected)
    {
        var path = dir.Write("open.yaml", content);

        var error = Assert.Throws<InvalidDataException>(() => new ConfigurationBuilder().AddYamlFile(path).Build());

        var yaml = Assert.IsType<YamlConfigurationException>(error.InnerException);
        Assert.Equal(line, yaml.Line);
        Assert.StartsWith($"{path}: line {line}, column 1: ", yaml.Message, StringComparison.Ordinal);
        Assert.Contains(expected, yaml.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("notifications:\n  targets:\n    - name: a\n    - name: b\n      url: http://x\n      url: http://y\n", "notifications:targets:1:url", 6)]
    [InlineData("coordinator:\n  cluster: a\n  Cluster: b\n", "coordinator:Cluster", 3)]
    [InlineData("a: 1\nb: 2\na: 3\n", "a", 3)]
    public void A_repeated_key_is_rejected_with_its_path_and_line(string content, string keyPath, int line)
    {
        var path = dir.Write("dup.yaml", content);

        var error = Assert.Throws<InvalidDataException>(() => new ConfigurationBuilder().AddYamlFile(path).Build());

        var yaml = Assert.IsType<YamlConfigurationException>(error.InnerException);
        Assert.Contains($"duplicate key '{keyPath}'", yaml.Message, StringComparison.Ordinal);
        Assert.Equal(line, yaml.Line);
    }

    [Fact]
    public void A_quoted_key_with_a_colon_that_spells_a_nested_key_is_a_duplicate()
    {
        var path = dir.Write("colon.yaml", "a:\n  b: 1\n\"a:b\": 2\n");

        var error = Assert.Throws<InvalidDataException>(() => new ConfigurationBuilder().AddYamlFile(path).Build());

        Assert.Contains("duplicate key 'a:b'", error.InnerException!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("- a\n- b\n", "top level must be a mapping")]
    [InlineData("just a value\n", "top level must be a mapping")]
    [InlineData("a: 1\n---\nb: 2\n", "several YAML documents")]
    [InlineData("? [a, b]\n: 1\n", "keys must be plain values")]
    [InlineData("a:\n  <<: 5\n", "merge key")]
    [InlineData("a: *missing\n", "missing")]
    public void Shapes_configuration_cannot_hold_are_rejected(string content, string expected)
    {
        var path = dir.Write("shape.yaml", content);

        var error = Assert.Throws<InvalidDataException>(() => new ConfigurationBuilder().AddYamlFile(path).Build());

        var yaml = Assert.IsType<YamlConfigurationException>(error.InnerException);
        Assert.Contains(expected, yaml.Message, StringComparison.Ordinal);
        Assert.True(yaml.Line >= 1);
    }

    [Fact]
    public void A_missing_required_file_fails_and_a_missing_optional_file_is_empty()
    {
        var path = Path.Combine(dir.Root, "absent.yaml");

        var error = Assert.Throws<FileNotFoundException>(() => new ConfigurationBuilder().AddYamlFile(path).Build());
        Assert.Contains("absent.yaml", error.Message, StringComparison.Ordinal);

        var root = new ConfigurationBuilder().AddYamlFile(path, optional: true).Build();
        Assert.Empty(root.AsEnumerable());
    }

    [Fact]
    public void Later_sources_override_keys_of_the_yaml_file()
    {
        var path = dir.Write("base.yaml", "coordinator:\n  cluster: from-file\n  listen: http://a:1\n");

        var root = new ConfigurationBuilder()
            .AddYamlFile(path)
            .AddInMemoryCollection([KeyValuePair.Create("coordinator:cluster", (string?)"from-env")])
            .Build();

        Assert.Equal("from-env", root["coordinator:cluster"]);
        Assert.Equal("http://a:1", root["COORDINATOR:LISTEN"]);
    }
}
