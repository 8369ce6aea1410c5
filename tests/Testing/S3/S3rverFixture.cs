using ClickVault.Cluster.Embedded.S3;
using ClickVault.Cluster.Shared.Storage;
using Xunit;

namespace ClickVault.Cluster.Testing.S3;

/// <summary>
/// One s3rver per test class (<c>IClassFixture&lt;S3rverFixture&gt;</c>) or collection, and an <see cref="S3ObjectStore"/> on it.
/// Tests share the bucket: give each test its own key prefix (<see cref="NewPrefix"/>).
/// </summary>
public sealed class S3rverFixture : IAsyncLifetime
{
    public const string BucketName = "clickvault-test";

    private S3rverProcess? server;
    private S3ObjectStore? store;

    public S3rverProcess Server => server ?? throw NotStarted();

    public S3ObjectStore Store => store ?? throw NotStarted();

    /// <summary>Options reaching the server with its real credentials; derive variants with <c>with { ... }</c>.</summary>
    public S3StoreOptions Options => new()
    {
        Endpoint = Server.Endpoint.ToString(),
        Region = "us-east-1",
        Bucket = Server.Bucket,
        AccessKey = Server.AccessKey,
        SecretKey = Server.SecretKey,
        ForcePathStyle = true,
    };

    public static string NewPrefix(string label = "test") => $"{label}-{Guid.NewGuid():N}/";

    public async Task InitializeAsync()
    {
        server = await S3rverProcess.StartAsync(new S3rverOptions { Bucket = BucketName });
        store = new S3ObjectStore(Options);
    }

    public async Task DisposeAsync()
    {
        store?.Dispose();
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    private static InvalidOperationException NotStarted() => new("the s3rver fixture has not been initialized");
}
