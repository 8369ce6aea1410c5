using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ClickVault.Cluster.Embedded.S3;
using ClickVault.Cluster.Shared.Storage;
using Xunit;

namespace ClickVault.Cluster.Shared.Tests.Storage;

public sealed class S3rverProcessTests
{
    [Fact]
    public async Task A_fixed_port_and_data_directory_keep_objects_across_restarts_and_dispose_stops_the_process()
    {
        var data = Directory.CreateTempSubdirectory("clickvault-s3rver-test-").FullName;
        try
        {
            var options = new S3rverOptions { Bucket = "restart-test", Port = FreePort(), DataDirectory = data };
            int firstPid;
            await using (var first = await S3rverProcess.StartAsync(options))
            {
                firstPid = first.ProcessId;
                Assert.Equal(new Uri($"http://127.0.0.1:{options.Port}"), first.Endpoint);
                using var store = new S3ObjectStore(StoreOptions(first));
                await store.PutAsync("kept.json", "{}"u8.ToArray(), null, CancellationToken.None);
            }

            Assert.False(IsRunning(firstPid));
            await using var second = await S3rverProcess.StartAsync(options);
            using var again = new S3ObjectStore(StoreOptions(second));

            Assert.Equal("{}"u8.ToArray(), (await again.GetAsync("kept.json", CancellationToken.None)).Data.ToArray());
            Assert.True(Directory.Exists(data));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Without_a_data_directory_the_temporary_one_is_removed_on_dispose()
    {
        var server = await S3rverProcess.StartAsync();
        var data = server.DataDirectory;
        Assert.True(Directory.Exists(data));

        await server.DisposeAsync();

        Assert.True(server.HasExited);
        Assert.False(Directory.Exists(data));
    }

    [Fact]
    public async Task A_port_in_use_fails_the_start_with_the_servers_own_error()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => S3rverProcess.StartAsync(new S3rverOptions { Port = port }));

        Assert.Contains($"127.0.0.1:{port}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("EADDRINUSE", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_repository_without_tools_gets_told_to_run_the_install_script()
    {
        var root = Directory.CreateTempSubdirectory("clickvault-no-tools-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(root, S3rverProcess.SolutionFile), "");

            var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => S3rverProcess.StartAsync(new S3rverOptions { RepositoryRoot = root }));

            Assert.Contains("run scripts/install-tools.sh", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void The_repository_root_holds_the_solution_and_the_tools()
    {
        var root = S3rverProcess.FindRepositoryRoot();

        Assert.True(File.Exists(Path.Combine(root, S3rverProcess.SolutionFile)));
        Assert.True(Directory.Exists(Path.Combine(root, ".tools")));
    }

    private static S3StoreOptions StoreOptions(S3rverProcess server) => new()
    {
        Endpoint = server.Endpoint.ToString(),
        Bucket = server.Bucket,
        AccessKey = server.AccessKey,
        SecretKey = server.SecretKey,
    };

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
