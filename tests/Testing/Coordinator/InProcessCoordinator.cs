using System.Net.Http.Headers;
using System.Net.Http.Json;
using ClickVault.Cluster.Coordinator;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Storage;
using ClickVault.Cluster.Testing.Tls;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ClickVault.Cluster.Testing.Coordinator;

/// <summary>
/// A real coordinator (Kestrel and Akka.Remote on free loopback ports unless given, real S3 through the given store
/// options) inside the test process. Stop and start it again on the same S3 to exercise crash recovery.
/// </summary>
public sealed class InProcessCoordinator : IAsyncDisposable
{
    public const string AgentToken = "test-agent-token-0123456789";
    public const string OperatorToken = "test-operator-token-0123456789";

    private readonly WebApplication _app;

    private InProcessCoordinator(WebApplication app, Uri baseUrl, int remotingPort)
    {
        _app = app;
        BaseUrl = baseUrl;
        AgentContact = $"127.0.0.1:{remotingPort}";
        Api = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(2) };
        Api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OperatorToken);
    }

    public Uri BaseUrl { get; }

    /// <summary>Where agents reach this node: its Akka.Remote endpoint, <c>host:port</c>.</summary>
    public string AgentContact { get; }

    /// <summary>An operator API client with the right token.</summary>
    public HttpClient Api { get; }

    public IServiceProvider Services => _app.Services;

    /// <param name="services">Runs after the coordinator's own registrations (e.g. to decorate its object store).</param>
    public static async Task<InProcessCoordinator> StartAsync(
        string cluster, S3StoreOptions s3, IReadOnlyDictionary<string, string?> settings, int port = 0, Action<IServiceCollection>? services = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["coordinator:cluster"] = cluster,
            ["coordinator:listen"] = $"http://127.0.0.1:{port}",
            ["remoting:port"] = "0",
            ["coordinator:agent_token"] = AgentToken,
            ["coordinator:operator_token"] = OperatorToken,
            ["coordinator:heartbeat_interval"] = "00:00:01",
            ["coordinator:agent_timeout"] = "00:00:05",
            ["backup:poll_interval"] = "00:00:00.100",
            ["s3:endpoint"] = s3.Endpoint,
            ["s3:bucket"] = s3.Bucket,
            ["s3:access_key"] = s3.AccessKey,
            ["s3:secret_key"] = s3.SecretKey,
        };
        foreach (var (k, v) in TestCertificates.Default.CoordinatorSettings().Concat(settings))
        {
            values[k] = v;
        }
        var app = CoordinatorHost.Build([], c => c.AddInMemoryCollection(values), services: services);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var remoting = Akka.Cluster.Cluster.Get(app.Services.GetRequiredService<Akka.Actor.ActorSystem>()).SelfAddress.Port ?? 0;
        return new InProcessCoordinator(app, new Uri(address.TrimEnd('/') + "/"), remoting);
    }

    public async Task<RunView> StartRunAsync(bool full = false, params string[] shards)
    {
        using var response = await Api.PostAsJsonAsync(OperatorRoutes.Runs.TrimStart('/'), new StartRunRequest(full, shards), ApiJson.Default.StartRunRequest);
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? System.Text.Json.JsonSerializer.Deserialize(body, ApiJson.Default.RunView)!
            : throw new HttpRequestException($"start run: {(int)response.StatusCode} {body}");
    }

    /// <summary>Follows the run's event stream until the coordinator reports it finished; returns the final view.</summary>
    public async Task<RunView> WaitForRunAsync(string runId, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        using var stream = await Api.GetStreamAsync(OperatorRoutes.RunEventsPath(runId).TrimStart('/'), cancel.Token);
        using var reader = new StreamReader(stream);
        string? eventName = null;
        while (await reader.ReadLineAsync(cancel.Token) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                eventName = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && eventName == "end")
            {
                return System.Text.Json.JsonSerializer.Deserialize(line[6..], ApiJson.Default.RunView)!;
            }
        }
        throw new InvalidOperationException($"event stream of run {runId} ended without an end event");
    }

    public async Task<T> GetAsync<T>(string path, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        (await Api.GetFromJsonAsync(path.TrimStart('/'), type))!;

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
