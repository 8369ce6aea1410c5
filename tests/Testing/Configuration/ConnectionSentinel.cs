using System.Net;
using System.Net.Sockets;

namespace ClickVault.Cluster.Testing.Configuration;

/// <summary>
/// A loopback port that counts every TCP connection made to it and closes it at once: point a URL of a configuration at
/// it to prove a process never contacted that service (no ClickHouse, no S3, no coordinator). While it lives, the port
/// is also taken, so a process that tried to listen on it would fail.
/// </summary>
public sealed class ConnectionSentinel : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly Task accepting;
    private int connections;

    public ConnectionSentinel()
    {
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        accepting = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>http://127.0.0.1:{port}/</summary>
    public Uri Url => new($"http://127.0.0.1:{Port}/");

    public int Connections => Volatile.Read(ref connections);

    /// <summary>Completes once a connection arrived (the positive control of a "never contacted" check), or fails after <paramref name="timeout"/>.</summary>
    public async Task WaitForConnectionAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (Connections == 0)
        {
            await Task.Delay(20, deadline.Token).ConfigureAwait(false);
        }
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                using var client = await listener.AcceptTcpClientAsync(stop.Token).ConfigureAwait(false);
                Interlocked.Increment(ref connections);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        listener.Stop();
        await accepting.ConfigureAwait(false);
        stop.Dispose();
    }
}
