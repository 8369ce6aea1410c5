using System.Collections.Concurrent;
using System.Text.Json;
using ClickVault.Cluster.Coordinator.Notifications;
using ClickVault.Cluster.Integration.Tests.ClusterRuns;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Testing.Coordinator;
using ClickVault.Cluster.Testing.Embedded;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Xunit;

namespace ClickVault.Cluster.Integration.Tests.Notifications;

/// <summary>One notification per cluster run, to a real local HTTP receiver, from real runs on the embedded cluster.</summary>
[Collection(TwoByTwoCollection.Name)]
public sealed class NotificationEndToEndTests(TwoByTwoClusterFixture fixture)
{
    private const string HeaderSecret = "hdr-secret-5f1c9a7e3b";

    [Fact]
    public async Task A_partial_and_a_succeeded_run_each_send_one_notification_to_the_targets_that_want_it_and_an_unreachable_target_fails_nothing()
    {
        await using var receiver = await Receiver.StartAsync();
        await using var scenario = await ClusterScenario.StartAsync(fixture, "notify", settings: new Dictionary<string, string?>
        {
            ["notifications:targets:0:name"] = "audit",
            ["notifications:targets:0:type"] = "webhook",
            ["notifications:targets:0:url"] = receiver.Url("/audit?token=query-secret-81d2"),
            ["notifications:targets:0:headers:X-Api-Key"] = HeaderSecret,
            ["notifications:targets:0:on_success"] = "true",
            ["notifications:targets:0:on_failure"] = "true",
            ["notifications:targets:1:name"] = "ops-slack",
            ["notifications:targets:1:type"] = "slack",
            ["notifications:targets:1:url"] = receiver.Url("/slack"),
            ["notifications:targets:1:on_success"] = "false",
            ["notifications:targets:1:on_failure"] = "true",
            ["notifications:targets:2:name"] = "gone",
            ["notifications:targets:2:type"] = "webhook",
            ["notifications:targets:2:url"] = "http://127.0.0.1:1/nobody-listens",
            ["notifications:targets:2:on_success"] = "true",
            ["notifications:targets:2:max_attempts"] = "2",
        });

        // Shard 2 has no database yet: its backup fails with ClickHouse's error, the run is partial.
        await scenario.CreateDataAsync(2_000, 1);
        var partial = await scenario.RunAsync();
        await receiver.WaitForAsync("/audit", 1);
        await receiver.WaitForAsync("/slack", 1);

        await scenario.CreateDataAsync(2_000, 2);
        var succeeded = await scenario.RunAsync();
        await receiver.WaitForAsync("/audit", 2);

        Assert.Equal(("partial", "succeeded"), (partial.State, succeeded.State));
        var audit = receiver.Bodies("/audit").Select(b => JsonSerializer.Deserialize(b, NotificationJson.Default.RunFinishedEvent)!).ToList();
        Assert.Equal([(partial.RunId, "partial"), (succeeded.RunId, "succeeded")], audit.Select(a => (a.RunId, a.Outcome)));
        var failedShard = audit[0].Shards.Single(s => s.Shard == "2");
        Assert.Equal("failed", failedShard.Status);
        Assert.Contains("UNKNOWN_DATABASE", failedShard.Error, StringComparison.Ordinal);
        Assert.Equal(["1", "2"], audit[1].Shards.Select(s => s.Shard));
        Assert.All(audit[1].Shards, s => Assert.Equal(("succeeded", "replica-1"), (s.Status, s.Replica)));
        var slack = Assert.Single(receiver.Bodies("/slack"));
        Assert.Contains(partial.RunId, slack, StringComparison.Ordinal);
        Assert.Equal(HeaderSecret, receiver.Header("/audit", "X-Api-Key"));
        foreach (var body in receiver.Bodies("/audit").Concat(receiver.Bodies("/slack")))
        {
            Assert.DoesNotContain(HeaderSecret, body, StringComparison.Ordinal);
            Assert.DoesNotContain("query-secret-81d2", body, StringComparison.Ordinal);
            Assert.DoesNotContain(InProcessCoordinator.AgentToken, body, StringComparison.Ordinal);
            Assert.DoesNotContain(scenario.Cluster.S3.SecretKey, body, StringComparison.Ordinal);
        }

        // The unreachable target never fails a run; it is listed (redacted) in status.
        var status = await scenario.Coordinator.GetAsync(OperatorRoutes.Status, ApiJson.Default.StatusView);
        Assert.Contains(status.UndeliveredNotifications, n => n.Target == "gone");
        Assert.DoesNotContain("nobody-listens", JsonSerializer.Serialize(status, ApiJson.Default.StatusView), StringComparison.Ordinal);
    }

    /// <summary>A local HTTP receiver that records every request by path.</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentQueue<(string Path, string Body, IHeaderDictionary Headers)> _requests = new();

        private Receiver(WebApplication app) => _app = app;

        public static async Task<Receiver> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var receiver = new Receiver(app);
            app.Run(async context =>
            {
                using var reader = new StreamReader(context.Request.Body);
                var body = await reader.ReadToEndAsync();
                receiver._requests.Enqueue((context.Request.Path.Value ?? "", body, new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value))));
                context.Response.StatusCode = 200;
            });
            await app.StartAsync();
            return receiver;
        }

        public string Url(string pathAndQuery) => $"{_app.Urls.First().TrimEnd('/')}{pathAndQuery}";

        public IReadOnlyList<string> Bodies(string path) => [.. _requests.Where(r => r.Path == path).Select(r => r.Body)];

        public string? Header(string path, string name) => _requests.Where(r => r.Path == path).Select(r => r.Headers[name].ToString()).FirstOrDefault();

        public async Task WaitForAsync(string path, int count)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (Bodies(path).Count < count)
            {
                await Task.Delay(50, timeout.Token);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
