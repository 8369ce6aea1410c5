using System.Reflection;
using System.Runtime.InteropServices;
using System.Threading.Channels;

namespace ClickVault.Cluster.Embedded.Engine;

/// <summary>Where the engine keeps its data and which library and config it runs.</summary>
public sealed record EngineOptions(string LibraryPath, string DataPath, string ConfigFile, int Connections);

/// <summary>
/// ClickHouse in this process: a pool of chDB connections on one data path. Several connections run
/// statements in parallel and share server state (system.backups), so a long statement never blocks
/// a poll of system.backups.
/// </summary>
public sealed class ChdbEngine : IAsyncDisposable
{
    private readonly ChdbConnection[] _connections;
    private readonly Channel<ChdbConnection> _idle;

    private ChdbEngine(ChdbConnection[] connections)
    {
        _connections = connections;
        _idle = Channel.CreateUnbounded<ChdbConnection>();
        foreach (var c in connections)
        {
            _idle.Writer.TryWrite(c);
        }
    }

    public int ConnectionCount => _connections.Length;

    public static async Task<ChdbEngine> StartAsync(EngineOptions options)
    {
        if (!File.Exists(options.LibraryPath))
        {
            throw new FileNotFoundException($"libchdb.so not found at '{options.LibraryPath}' (run scripts/install-tools.sh)", options.LibraryPath);
        }
        if (options.Connections < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "an embedded node needs at least 2 connections so polling is never blocked");
        }
        var library = NativeLibrary.Load(options.LibraryPath);
        NativeLibrary.SetDllImportResolver(Assembly.GetExecutingAssembly(), (name, _, _) =>
            name == NativeMethods.Library ? library : IntPtr.Zero);

        string[] argv =
        [
            "clickhouse",
            $"--path={options.DataPath}",
            $"--config-file={options.ConfigFile}",
            "--log-level=warning",
        ];
        var connections = new List<ChdbConnection>(options.Connections);
        try
        {
            for (var i = 0; i < options.Connections; i++)
            {
                connections.Add(await ChdbConnection.OpenAsync(argv, i).ConfigureAwait(false));
            }
        }
        catch
        {
            foreach (var c in connections)
            {
                c.Dispose();
            }
            throw;
        }
        return new ChdbEngine([.. connections]);
    }

    public async Task<EngineResult> ExecuteAsync(EngineQuery query, CancellationToken cancellationToken)
    {
        var connection = await _idle.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Once handed to the native side the statement runs to its end; cancellation only stops waiting for a slot.
            return await connection.ExecuteAsync(query).ConfigureAwait(false);
        }
        finally
        {
            _idle.Writer.TryWrite(connection);
        }
    }

    public ValueTask DisposeAsync()
    {
        _idle.Writer.TryComplete();
        foreach (var c in _connections)
        {
            c.Dispose();
        }
        return ValueTask.CompletedTask;
    }
}
