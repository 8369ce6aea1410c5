using System.Text.RegularExpressions;
using ClickVault.Cluster.Shared.Configuration;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace ClickVault.Cluster.Shared.Tests.Configuration;

public sealed class TomlConfigurationProviderTests : IDisposable
{
    private readonly TempConfigDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void Tables_dotted_keys_and_inline_tables_become_colon_separated_sections()
    {
        var data = Load("""
            top = "t"
            [coordinator]
            cluster = "prod"
            tls.enabled = false
            limits = { agents = 3, nested = { deep = "yes" } }
            [coordinator.extra]
            x = 1
            """);

        Assert.Equal(
            new Dictionary<string, string?>
            {
                ["top"] = "t",
                ["coordinator:cluster"] = "prod",
                ["coordinator:tls:enabled"] = "False",
                ["coordinator:limits:agents"] = "3",
                ["coordinator:limits:nested:deep"] = "yes",
                ["coordinator:extra:x"] = "1",
            },
            data);
    }

    [Fact]
    public void Arrays_and_arrays_of_tables_are_numbered_from_zero_and_empty_ones_follow_the_json_provider()
    {
        var data = Load("""
            [backup]
            databases = ["sales", 'events']
            replica_priority = []
            retention = {}
            [[notifications.targets]]
            name = "ops"
            [[notifications.targets]]
            name = "audit"
            headers = { X-Api-Key = "abc" }
            """);

        Assert.Equal("sales", data["backup:databases:0"]);
        Assert.Equal("events", data["backup:databases:1"]);
        Assert.Equal("", data["backup:replica_priority"]);
        Assert.Null(data["backup:retention"]);
        Assert.Equal("ops", data["notifications:targets:0:name"]);
        Assert.Equal("audit", data["notifications:targets:1:name"]);
        Assert.Equal("abc", data["notifications:targets:1:headers:X-Api-Key"]);
        Assert.Equal(7, data.Count);
    }

    [Theory]
    [InlineData("v = true", "True")]
    [InlineData("v = false", "False")]
    [InlineData("v = 0x1F", "31")]
    [InlineData("v = 1_000", "1000")]
    [InlineData("v = -17", "-17")]
    [InlineData("v = 1.5", "1.5")]
    [InlineData("v = 5e-1", "0.5")]
    [InlineData("v = 00:00:05", "00:00:05")]
    [InlineData("v = 00:00:01.500", "00:00:01.500")]
    [InlineData("v = 2024-01-02", "2024-01-02")]
    [InlineData("v = 2024-01-02T03:04:05Z", "2024-01-02T03:04:05Z")]
    [InlineData("v = 2024-01-02T03:04:05.123+02:00", "2024-01-02T03:04:05.123+02:00")]
    [InlineData("v = \"\"\"\nline 1\nline 2\"\"\"", "line 1\nline 2")]
    public void Values_are_invariant_strings(string toml, string expected)
    {
        Assert.Equal(expected, Load(toml)["v"]);
    }

    [Fact]
    public void A_local_time_binds_as_a_duration()
    {
        var root = new ConfigurationBuilder().AddTomlFile(dir.Write("t.toml", "[backup]\npoll_interval = 00:00:02\n")).Build();

        Assert.Equal(TimeSpan.FromSeconds(2), root.GetValue<TimeSpan>("backup:poll_interval"));
    }

    [Theory]
    [InlineData("[s3]\nendpoint = \"x\"\nbucket = \n", 3, 10, "(key 's3.bucket')")]
    [InlineData("[clickhouse]\nurl = \"http://x\"\nuser = \"abc\n", 3, 12, "(key 'clickhouse.user')")]
    [InlineData("[backup]\nfull_backup_interval_days = 7d\n", 2, 30, "(key 'backup.full_backup_interval_days')")]
    [InlineData("[[notifications.targets]]\nname = \"a\"\n[[notifications.targets]]\nname = \n", 4, 8, "(key 'notifications.targets[1].name')")]
    [InlineData("[backup]\ndatabases = [\"a\", \n", 3, 1, "(key 'backup.databases')")]
    [InlineData("[s3]\nbucket = \"a\"\nbucket = \"b\"\n", 3, 1, "The key `s3.bucket` is already defined")]
    [InlineData("[s3]\nbucket = \"a\"\n[s3]\nregion = \"b\"\n", 3, 1, "The key `s3` is already defined")]
    public void Malformed_toml_fails_naming_the_file_line_column_and_key(string content, int line, int column, string expected)
    {
        var path = dir.Write("bad.toml", content);

        var error = Assert.Throws<InvalidDataException>(() => new ConfigurationBuilder().AddTomlFile(path).Build());

        var toml = Assert.IsType<TomlConfigurationException>(error.InnerException);
        Assert.Equal((path, line, column), (toml.FilePath, toml.Line, toml.Column));
        Assert.StartsWith($"{path}: line {line}, column {column}: ", toml.Message, StringComparison.Ordinal);
        Assert.Contains(expected, toml.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[coordinator]\ncluster = \"a\"\nCluster = \"b\"\n", "coordinator.Cluster", 3)]
    [InlineData("[a]\nb = 1\n[A]\nc = 2\nb = 3\n", "A.b", 5)]
    [InlineData("\"a:b\" = 2\n[a]\nb = 1\n", "a.b", 3)]
    public void Keys_differing_only_in_case_or_spelling_a_nested_key_are_duplicates(string content, string key, int line)
    {
        var path = dir.Write("dup.toml", content);

        var error = Assert.Throws<InvalidDataException>(() => new ConfigurationBuilder().AddTomlFile(path).Build());

        var toml = Assert.IsType<TomlConfigurationException>(error.InnerException);
        Assert.Contains($"duplicate key '{key}'", toml.Message, StringComparison.Ordinal);
        Assert.Equal(line, toml.Line);
    }

    [Fact]
    public void An_empty_key_is_rejected()
    {
        var error = Assert.Throws<InvalidDataException>(() => new ConfigurationBuilder().AddTomlFile(dir.Write("e.toml", "[a]\n\"\" = 1\n")).Build());

        Assert.Contains("line 2, column 1: keys must not be empty (under 'a')", error.InnerException!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[clickhouse]\npassword = hunter2secret\n")]
    [InlineData("[clickhouse]\npassword = \"hunter2secret\"\npassword = \"hunter2secret-again\"\n")]
    [InlineData("[s3]\nsecret_key = \"hunter2secret\" trailing\n")]
    [InlineData("[[notifications.providers]]\nwebhook_url = https://hooks.example.com/hunter2secret\n")]
    [InlineData("[x]\nheaders = { Authorization = \"Bearer hunter2secret\" Z = 1 }\n")]
    public void A_malformed_secret_is_never_quoted_in_the_error(string content)
    {
        var path = dir.Write("secret.toml", content);

        var error = Assert.Throws<ConfigurationFileException>(() => ConfigurationFileLoader.Load(path));

        Assert.Matches($"^config file {Regex.Escape(path)}: line [23], column [0-9]+: ", error.Message);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_loader_reads_toml_by_extension_and_an_empty_file_is_empty()
    {
        var root = ConfigurationFileLoader.Load(dir.Write("c.TOML", "[a]\nb = \"toml\"\n"));
        var empty = ConfigurationFileLoader.Load(dir.Write("empty.toml", "# nothing\n"));

        Assert.Equal("toml", root["a:b"]);
        Assert.Empty(empty.AsEnumerable());
    }

    private Dictionary<string, string?> Load(string content) =>
        TempConfigDirectory.Flatten(new ConfigurationBuilder().AddTomlFile(dir.Write("c.toml", content)).Build())
            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
}
