using ClickVault.Cluster.Cli.Client;
using ClickVault.Cluster.Cli.Errors;
using ClickVault.Cluster.Cli.Rendering;

namespace ClickVault.Cluster.Cli.Commands;

/// <summary>What a running verb works with: the coordinator client, the renderer for its output mode, and the clock.</summary>
public sealed class CommandSession : IDisposable
{
    private readonly HttpClient http;
    private readonly ErrorReporter reporter;
    private readonly string? token;
    private readonly bool json;

    private CommandSession(HttpClient http, CoordinatorClient client, IOutputRenderer renderer, ErrorReporter reporter, GlobalOptions options, TimeProvider time, CliHost host)
    {
        this.http = http;
        this.reporter = reporter;
        token = options.Token?.Value;
        json = options.Json;
        Client = client;
        Renderer = renderer;
        Time = time;
        Operations = new OperationsClient(http, options.Connection);
        OperationsRenderer = options.Json
            ? new JsonOperationsRenderer(host.Out)
            : new HumanOperationsRenderer(CliConsole.Create(host), host.Out, host.Time);
    }

    public CoordinatorClient Client { get; }

    public IOutputRenderer Renderer { get; }

    public TimeProvider Time { get; }

    /// <summary>describe, check, logs, cancel.</summary>
    public OperationsClient Operations { get; }

    public IOperationsRenderer OperationsRenderer { get; }

    public static CommandSession Open(GlobalOptions options, CliHost host, ErrorReporter reporter)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = options.Timeout,
            // A redirect would drop the Authorization header; report it instead (see CoordinatorTransport).
            AllowAutoRedirect = false,
        };
        var http = new HttpClient(handler, disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("clickvault-cli");
        var client = new CoordinatorClient(http, options.Connection);
        IOutputRenderer renderer = options.Json
            ? new JsonRenderer(host.Out)
            : new HumanRenderer(CliConsole.Create(host), host.Out, host.Time, live: host.OutputIsTerminal);
        return new CommandSession(http, client, renderer, reporter, options, host.Time, host);
    }

    /// <summary>Follows a run (event stream, else polling), shows it with the renderer, prints its summary and returns it finished.</summary>
    public async Task<Shared.Api.RunView> FollowRunAsync(Shared.Api.RunView started, CancellationToken cancellationToken)
    {
        var finished = await Renderer
            .FollowRunAsync(started, NewRunFollower().FollowAsync(started.RunId, cancellationToken), cancellationToken)
            .ConfigureAwait(false);
        Renderer.RunSummary(finished);
        return finished;
    }

    public RunFollower NewRunFollower() => new(Client, Time, Warn);

    /// <summary>A warning on stderr that does not end the command.</summary>
    public void Warn(string message) => reporter.Warn(message, token);

    /// <summary>
    /// A one-line explanation on stderr for a non-zero exit that is not a failure of the command itself (a run that
    /// finished with failed shards). Silent with --json: the rendered JSON already says it.
    /// </summary>
    public void Explain(CliFailure failure)
    {
        if (!json)
        {
            reporter.Report(failure, json: false, token);
        }
    }

    public void Dispose() => http.Dispose();
}
