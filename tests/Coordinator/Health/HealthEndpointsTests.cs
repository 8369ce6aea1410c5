using System.Net;
using System.Text.Json;
using ClickVault.Cluster.Coordinator.Health;
using ClickVault.Cluster.Shared.Storage;
using ClickVault.Cluster.Testing.Coordinator;
using ClickVault.Cluster.Testing.S3;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Xunit;

namespace ClickVault.Cluster.Coordinator.Tests.Health;

public sealed class HealthEndpointsTests(S3rverFixture s3) : IClassFixture<S3rverFixture>
{
    [Fact]
    public async Task Both_probes_answer_without_the_operator_token_and_readiness_names_every_check()
    {
        await using var coordinator = await InProcessCoordinator.StartAsync("health", s3.Options, new Dictionary<string, string?>
        {
            ["backup:databases:0"] = "shop",
            ["backup:prefix"] = S3rverFixture.NewPrefix("health").TrimEnd('/'),
        });
        using var anonymous = new HttpClient { BaseAddress = coordinator.BaseUrl };

        using var live = await anonymous.GetAsync(new Uri(HealthEndpoints.Liveness.TrimStart('/'), UriKind.Relative));
        using var ready = await anonymous.GetAsync(new Uri(HealthEndpoints.Readiness.TrimStart('/'), UriKind.Relative));
        using var status = await anonymous.GetAsync(new Uri("api/status", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, status.StatusCode);
        using var report = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        Assert.Equal("healthy", report.RootElement.GetProperty("status").GetString());
        var checks = report.RootElement.GetProperty("checks");
        Assert.Equal(["cluster_member", "s3", "singleton"], checks.EnumerateObject().Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.All(checks.EnumerateObject(), c => Assert.Equal("healthy", c.Value.GetProperty("status").GetString()));
        Assert.DoesNotContain(s3.Options.SecretKey!, await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bucket_that_does_not_answer_makes_the_s3_check_unhealthy_naming_the_bucket()
    {
        var check = new S3ReadinessCheck(new UnreachableStore());

        var result = await check.CheckHealthAsync(new HealthCheckContext(), CancellationToken.None);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal("bucket down-bucket does not answer: connection refused", result.Description);
    }

    private sealed class UnreachableStore : IObjectStore
    {
        public string Bucket => "down-bucket";

        private static Exception Refused => new ObjectStoreException("connection refused", "down-bucket", null, isTransient: true);

        public Task<string> PutAsync(string key, ReadOnlyMemory<byte> content, string? contentType, CancellationToken cancellationToken) => Task.FromException<string>(Refused);

        public Task<string> PutAsync(string key, Stream content, string? contentType, CancellationToken cancellationToken) => Task.FromException<string>(Refused);

        public Task<ObjectContent> GetAsync(string key, CancellationToken cancellationToken) => Task.FromException<ObjectContent>(Refused);

        public Task<ObjectInfo?> HeadAsync(string key, CancellationToken cancellationToken) => Task.FromException<ObjectInfo?>(Refused);

        public Task<ObjectListing> ListPageAsync(ListRequest request, CancellationToken cancellationToken) => Task.FromException<ObjectListing>(Refused);

        public Task<IReadOnlyList<DeleteFailure>> DeleteBatchAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken) =>
            Task.FromException<IReadOnlyList<DeleteFailure>>(Refused);
    }
}
