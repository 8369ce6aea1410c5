using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace ClickVault.Cluster.Coordinator.Api;

/// <summary>
/// Reads an optional JSON request body. A body counts as absent only when it is empty, not when Content-Length is
/// missing: clients that stream JSON (HttpClient's JsonContent) send it chunked, without a Content-Length.
/// </summary>
public static class JsonBody
{
    /// <summary>Request bodies of the operator API are small; a larger one is refused rather than buffered.</summary>
    public const int MaxBytes = 1 << 20;

    /// <returns>The body, <paramref name="empty"/> when there is none, or why it is not a <typeparamref name="T"/>.</returns>
    public static async Task<(T? Value, string? Problem)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type, T empty, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength is 0)
        {
            return (empty, null);
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return (null, $"request body is larger than {MaxBytes} bytes");
            }
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0)
        {
            return (empty, null);
        }
        try
        {
            return (JsonSerializer.Deserialize(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), type) ?? empty, null);
        }
        catch (JsonException e)
        {
            return (null, $"request body is not a {typeof(T).Name}: {e.Message}");
        }
    }
}
