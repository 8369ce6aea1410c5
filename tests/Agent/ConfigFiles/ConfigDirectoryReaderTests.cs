using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using ClickVault.Cluster.Agent.ConfigFiles;
using Xunit;

namespace ClickVault.Cluster.Agent.Tests.ConfigFiles;

/// <summary>The real file system: a temporary configuration directory with files, sub-directories and symbolic links.</summary>
public sealed class ConfigDirectoryReaderTests : IDisposable
{
    private readonly string _sandbox = Directory.CreateTempSubdirectory("clickvault-configs-").FullName;
    private readonly string _root;
    private readonly string _outside;

    public ConfigDirectoryReaderTests()
    {
        _root = Path.Combine(_sandbox, "clickhouse-server");
        _outside = Path.Combine(_sandbox, "elsewhere");
        Directory.CreateDirectory(Path.Combine(_root, "config.d"));
        Directory.CreateDirectory(_outside);
        File.WriteAllText(Path.Combine(_root, "config.xml"), "<clickhouse><macros/></clickhouse>");
        File.WriteAllText(Path.Combine(_root, "config.d", "storage.xml"), "<clickhouse><storage_configuration/></clickhouse>");
        File.WriteAllText(Path.Combine(_outside, "secret.txt"), "not yours");
    }

    [Fact]
    public async Task Files_and_sub_directories_are_collected_with_relative_paths_and_hashes()
    {
        var collection = await ReadAsync();

        Assert.Null(collection.Error);
        Assert.Equal(["config.d/storage.xml", "config.xml"], collection.Files.Select(f => f.Path));
        var config = collection.Files.Single(f => f.Path == "config.xml");
        Assert.Equal("<clickhouse><macros/></clickhouse>", Encoding.UTF8.GetString(config.Content));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(config.Content)), config.Sha256);
        Assert.Empty(collection.Refused);
    }

    [Fact]
    public async Task A_symbolic_link_leading_outside_the_directory_is_refused_and_never_read()
    {
        File.CreateSymbolicLink(Path.Combine(_root, "users.xml"), Path.Combine(_outside, "secret.txt"));
        Directory.CreateSymbolicLink(Path.Combine(_root, "config.d", "more"), _outside);
        File.CreateSymbolicLink(Path.Combine(_root, "sneaky.xml"), "config.d/../../elsewhere/secret.txt");

        var collection = await ReadAsync();

        Assert.DoesNotContain(collection.Files, f => Encoding.UTF8.GetString(f.Content).Contains("not yours", StringComparison.Ordinal));
        Assert.Equal(["config.d/more", "sneaky.xml", "users.xml"], collection.Refused.Select(r => r.Path).Order(StringComparer.Ordinal));
        Assert.All(collection.Refused, r => Assert.Contains("leads outside", r.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_symbolic_link_to_a_file_inside_is_collected_under_the_links_name()
    {
        File.CreateSymbolicLink(Path.Combine(_root, "config.d", "current.xml"), Path.Combine(_root, "config.xml"));
        Directory.CreateSymbolicLink(Path.Combine(_root, "conf"), Path.Combine(_root, "config.d"));

        var collection = await ReadAsync();

        Assert.Equal("<clickhouse><macros/></clickhouse>", Encoding.UTF8.GetString(collection.Files.Single(f => f.Path == "config.d/current.xml").Content));
        Assert.Contains("its files are collected at their real path", collection.Refused.Single(r => r.Path == "conf").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_directory_reached_through_a_symbolic_link_is_read_and_its_inside_links_judged_by_the_real_path()
    {
        var link = Path.Combine(_sandbox, "current");
        Directory.CreateSymbolicLink(link, _root);

        var collection = await ConfigDirectoryReader.ReadAsync(new ConfigBackupOptions { Directory = link }, CancellationToken.None);

        Assert.Equal(["config.d/storage.xml", "config.xml"], collection.Files.Select(f => f.Path));
    }

    [Fact]
    public async Task Files_over_the_limits_are_refused_with_the_key_to_change()
    {
        File.WriteAllBytes(Path.Combine(_root, "big.xml"), new byte[2048]);

        var collection = await ConfigDirectoryReader.ReadAsync(new ConfigBackupOptions { Directory = _root, MaxFileSize = 1024, MaxTotalSize = 60 }, CancellationToken.None);

        Assert.Contains("config_backup.max_file_size", collection.Refused.Single(r => r.Path == "big.xml").Reason, StringComparison.Ordinal);
        Assert.Contains("config_backup.max_total_size", collection.Refused.Single(r => r.Path == "config.xml").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fifo_is_recorded_empty_without_being_opened()
    {
        using (var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [Path.Combine(_root, "pipe")]))!)
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var collection = await ConfigDirectoryReader.ReadAsync(new ConfigBackupOptions { Directory = _root }, timeout.Token);

        Assert.Empty(collection.Files.Single(f => f.Path == "pipe").Content);
    }

    [Fact]
    public async Task A_missing_directory_is_an_error_naming_the_key()
    {
        var collection = await ConfigDirectoryReader.ReadAsync(new ConfigBackupOptions { Directory = Path.Combine(_sandbox, "nope") }, CancellationToken.None);

        Assert.Contains("config_backup.directory", collection.Error, StringComparison.Ordinal);
        Assert.Empty(collection.Files);
    }

    public void Dispose() => Directory.Delete(_sandbox, recursive: true);

    private Task<ConfigCollection> ReadAsync() => ConfigDirectoryReader.ReadAsync(new ConfigBackupOptions { Directory = _root }, CancellationToken.None);
}
