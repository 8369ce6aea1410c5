using System.Net;
using System.Net.Sockets;
using ClickVault.Cluster.Shared.Storage;
using ClickVault.Cluster.Testing.S3;
using Xunit;

namespace ClickVault.Cluster.Shared.Tests.Storage;

/// <remarks>
/// s3rver checks that the access key exists but does not verify SigV4 signatures, so a wrong secret with a known
/// access key is accepted there (real S3 answers 403 SignatureDoesNotMatch); unknown access keys are denied by both.
/// </remarks>
public sealed class S3ObjectStoreErrorTests(S3rverFixture fixture) : IClassFixture<S3rverFixture>
{
    private const string WrongAccessKey = "AKIAWRONGACCESSKEY01";
    private const string WrongSecret = "wrong/Secret+Value=0123456789abcdef";
    private readonly string prefix = S3rverFixture.NewPrefix("errors");

    [Fact]
    public async Task Unknown_credentials_are_denied_without_appearing_in_the_error()
    {
        using var store = new S3ObjectStore(fixture.Options with { AccessKey = WrongAccessKey, SecretKey = WrongSecret });
        var key = prefix + "catalog.json";

        var get = await Assert.ThrowsAsync<ObjectAccessDeniedException>(() => store.GetAsync(key, CancellationToken.None));
        var put = await Assert.ThrowsAsync<ObjectAccessDeniedException>(() => store.PutAsync(key, "x"u8.ToArray(), null, CancellationToken.None));
        var list = await Assert.ThrowsAsync<ObjectAccessDeniedException>(() => store.ListPageAsync(new ListRequest(prefix), CancellationToken.None));

        foreach (var ex in new ObjectStoreException[] { get, put, list })
        {
            Assert.Contains($"s3://{fixture.Server.Bucket}/", ex.Message, StringComparison.Ordinal);
            Assert.False(ex.IsTransient);
            AssertNoSecrets(ex, WrongAccessKey, WrongSecret);
        }

        Assert.Contains(key, get.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_bucket_is_an_error_not_a_missing_object()
    {
        using var store = new S3ObjectStore(fixture.Options with { Bucket = "no-such-bucket" });

        var ex = await Assert.ThrowsAsync<ObjectStoreException>(() => store.GetAsync(prefix + "x", CancellationToken.None));

        Assert.IsNotType<ObjectNotFoundException>(ex);
        Assert.Contains("NoSuchBucket", ex.Message, StringComparison.Ordinal);
        Assert.Contains("s3://no-such-bucket/", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_server_is_a_transient_failure()
    {
        using var store = new S3ObjectStore(fixture.Options with { Endpoint = $"http://127.0.0.1:{ClosedPort()}", SecretKey = WrongSecret });

        var ex = await Assert.ThrowsAsync<ObjectStoreException>(() => store.GetAsync(prefix + "x", CancellationToken.None));

        Assert.True(ex.IsTransient);
        Assert.True(RetryingObjectStore.IsTransient(ex));
        Assert.Contains($"s3://{fixture.Server.Bucket}/{prefix}x", ex.Message, StringComparison.Ordinal);
        AssertNoSecrets(ex, WrongSecret);
    }

    [Fact]
    public async Task Cancellation_surfaces_as_cancellation()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fixture.Store.GetAsync(prefix + "x", cancelled.Token));
    }

    private static void AssertNoSecrets(Exception ex, params string[] secrets)
    {
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, ex.ToString(), StringComparison.Ordinal);
        }
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
