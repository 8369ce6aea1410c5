using System.Text;
using ClickVault.Cluster.Coordinator.Api;
using ClickVault.Cluster.Shared.Api;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace ClickVault.Cluster.Coordinator.Tests.Api;

public sealed class JsonBodyTests
{
    private static HttpRequest Request(string body, long? contentLength)
    {
        var context = new DefaultHttpContext();
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        context.Request.ContentLength = contentLength;
        return context.Request;
    }

    [Fact]
    public async Task A_chunked_body_without_content_length_is_read()
    {
        var (value, problem) = await JsonBody.ReadAsync(Request("""{"full":true,"shards":["2"]}""", null), ApiJson.Default.StartRunRequest, new StartRunRequest(false, []), default);

        Assert.Null(problem);
        Assert.True(value!.Full);
        Assert.Equal(["2"], value.Shards);
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("", 0L)]
    public async Task No_body_is_the_default(string body, long? length)
    {
        var empty = new CleanupRequest(false, null);

        var (value, problem) = await JsonBody.ReadAsync(Request(body, length), RetentionApiJson.Default.CleanupRequest, empty, default);

        Assert.Same(empty, value);
        Assert.Null(problem);
    }

    [Fact]
    public async Task A_body_that_is_not_the_type_is_a_problem_naming_the_field()
    {
        var (value, problem) = await JsonBody.ReadAsync(Request("""{"dry_run":"yes"}""", null), RetentionApiJson.Default.CleanupRequest, new CleanupRequest(false, null), default);

        Assert.Null(value);
        Assert.StartsWith("request body is not a CleanupRequest: ", problem, StringComparison.Ordinal);
        Assert.Contains("$.dry_run", problem, StringComparison.Ordinal);
    }
}
