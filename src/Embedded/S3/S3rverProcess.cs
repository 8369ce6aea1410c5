using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace ClickVault.Cluster.Embedded.S3;

public sealed record S3rverOptions
{
    public string Bucket { get; init; } = "clickvault";

    /// <summary>Fixed port on 127.0.0.1; null lets the server pick a free one.</summary>
    public int? Port { get; init; }

    /// <summary>Where objects are stored; kept on dispose so data survives restarts. Null: a fresh temporary folder, deleted on dispose.</summary>
    public string? DataDirectory { get; init; }

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The folder holding ClickVault.Cluster.sln and .tools/; null: discovered.</summary>
    public string? RepositoryRoot { get; init; }
}

/// <summary>
/// An s3rver (npm s3rver, installed into .tools/ by scripts/install-tools.sh) on 127.0.0.1, path-style, credentials S3RVER/S3RVER.
/// Disposing stops exactly this process and its children.
/// </summary>
public sealed partial class S3rverProcess : IAsyncDisposable
{
    public const string Credential = "S3RVER";
    public const string SolutionFile = "ClickVault.Cluster.sln";
    public const string RepositoryRootVariable = "CLICKVAULT_REPO_ROOT";
    private const int LogLines = 40;

    private readonly Process process;
    private readonly ConcurrentQueue<string> log;
    private readonly bool ownsDataDirectory;
    private int disposed;

    private S3rverProcess(Process process, ConcurrentQueue<string> log, int port, string bucket, string dataDirectory, bool ownsDataDirectory)
    {
        this.process = process;
        this.log = log;
        this.ownsDataDirectory = ownsDataDirectory;
        Port = port;
        Bucket = bucket;
        DataDirectory = dataDirectory;
        ProcessId = process.Id;
        Endpoint = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
    }

    public Uri Endpoint { get; }

    public int Port { get; }

    public string Bucket { get; }

    public string AccessKey => Credential;

    public string SecretKey => Credential;

    public int ProcessId { get; }

    public string DataDirectory { get; }

    public bool HasExited => Volatile.Read(ref disposed) != 0 || process.HasExited;

    /// <summary>The last lines s3rver wrote to stdout/stderr, for diagnostics.</summary>
    public IReadOnlyList<string> RecentOutput => [.. log];

    public static async Task<S3rverProcess> StartAsync(S3rverOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new S3rverOptions();
        var executable = FindExecutable(options.RepositoryRoot ?? FindRepositoryRoot());
        var ownsData = options.DataDirectory is null;
        var dataDirectory = Path.GetFullPath(options.DataDirectory ?? Path.Combine(FindRepositoryRoot(), ".test-results", $"s3rver-{Guid.NewGuid():N}"));
        Directory.CreateDirectory(dataDirectory);

        var start = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])["-d", dataDirectory, "-a", "127.0.0.1", "-p", (options.Port ?? 0).ToString(CultureInfo.InvariantCulture), "-s", "--configure-bucket", options.Bucket])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NODE_OPTIONS"] = "--openssl-legacy-provider";

        var log = new ConcurrentQueue<string>();
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => OnOutput(e.Data, log, listening);
        process.ErrorDataReceived += (_, e) => OnOutput(e.Data, log, listening);
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("s3rver exited during startup"));

        S3rverProcess? server = null;
        try
        {
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.StartTimeout);
            var port = await listening.Task.WaitAsync(timeout.Token).ConfigureAwait(false);
            server = new S3rverProcess(process, log, port, options.Bucket, dataDirectory, ownsData);
            await server.WaitUntilAnsweringAsync(timeout.Token).ConfigureAwait(false);
            return server;
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException or HttpRequestException or Win32Exception)
        {
            if (server is not null)
            {
                await server.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                await StopAsync(process).ConfigureAwait(false);
                process.Dispose();
                DeleteDirectory(dataDirectory, ownsData);
            }

            cancellationToken.ThrowIfCancellationRequested();
            throw new InvalidOperationException(
                $"s3rver ({executable}) failed to start on 127.0.0.1:{options.Port?.ToString(CultureInfo.InvariantCulture) ?? "<any port>"} " +
                $"(start timeout {options.StartTimeout}): {ex.Message}{Environment.NewLine}{string.Join(Environment.NewLine, log)}",
                ex);
        }
    }

    /// <summary>
    /// The folder holding ClickVault.Cluster.sln: from $CLICKVAULT_REPO_ROOT, else the first one above the app's base directory,
    /// the current directory, or the folder this file was compiled from.
    /// </summary>
    public static string FindRepositoryRoot()
    {
        var configured = Environment.GetEnvironmentVariable(RepositoryRootVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(Path.Combine(configured, SolutionFile))
                ? configured
                : throw new InvalidOperationException($"{RepositoryRootVariable}={configured} does not hold {SolutionFile}");
        }

        string[] starts = [AppContext.BaseDirectory, Environment.CurrentDirectory, SourceDirectory()];
        foreach (var start in starts)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException(
            $"no folder holding {SolutionFile} above {string.Join(", ", starts)}; set {RepositoryRootVariable} to the repository root");
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        await StopAsync(process).ConfigureAwait(false);
        process.Dispose();
        DeleteDirectory(DataDirectory, ownsDataDirectory);
    }

    private static string FindExecutable(string repositoryRoot)
    {
        var executable = Path.Combine(repositoryRoot, ".tools", "node_modules", ".bin", "s3rver");
        return File.Exists(executable)
            ? executable
            : throw new InvalidOperationException($"s3rver is not installed at {executable}: run scripts/install-tools.sh");
    }

    private static string SourceDirectory([CallerFilePath] string sourceFile = "") => Path.GetDirectoryName(sourceFile) ?? "";

    private static void OnOutput(string? line, ConcurrentQueue<string> log, TaskCompletionSource<int> listening)
    {
        if (line is null)
        {
            return;
        }

        log.Enqueue(line);
        while (log.Count > LogLines && log.TryDequeue(out _))
        {
        }

        if (ListeningLine().Match(line) is { Success: true } match)
        {
            listening.TrySetResult(int.Parse(match.Groups["port"].ValueSpan, CultureInfo.InvariantCulture));
        }
    }

    private static async Task StopAsync(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
        }
    }

    private static void DeleteDirectory(string directory, bool owned)
    {
        if (owned && Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [GeneratedRegex(@"S3rver listening on .*:(?<port>\d+)\s*$")]
    private static partial Regex ListeningLine();

    private async Task WaitUntilAnsweringAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"s3rver exited with code {process.ExitCode}");
            }

            try
            {
                using var response = await http.GetAsync(Endpoint, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
