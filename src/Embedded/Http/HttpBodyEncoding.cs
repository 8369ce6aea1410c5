using System.IO.Compression;
using Microsoft.AspNetCore.Http;

namespace ClickVault.Cluster.Embedded.Http;

/// <summary>
/// HTTP compression as clickhouse-server does it: a request body in gzip, deflate or br is read; an answer is compressed
/// when the URL says <c>enable_http_compression=1</c> and Accept-Encoding names a method .NET has. zstd, lz4 and xz,
/// which the server also has, are declined: never chosen for an answer, refused with a clear error on a request.
/// </summary>
internal static class HttpBodyEncoding
{
    private static readonly string[] Preferred = ["gzip", "br", "deflate"];

    public static Stream RequestBody(HttpRequest request)
    {
        var encoding = request.Headers.ContentEncoding.ToString().Trim().ToLowerInvariant();
        return encoding switch
        {
            "" or "identity" => request.Body,
            "gzip" or "x-gzip" => new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true),
            // HTTP's "deflate" is the zlib format.
            "deflate" => new ZLibStream(request.Body, CompressionMode.Decompress, leaveOpen: true),
            "br" => new BrotliStream(request.Body, CompressionMode.Decompress, leaveOpen: true),
            _ => throw new ClickHouseHttpException(48, 400,
                $"Code: 48. DB::Exception: Content-Encoding '{encoding}' is not supported by the embedded node (gzip, deflate and br are). (NOT_IMPLEMENTED)"),
        };
    }

    /// <summary>The method for the answer, or null to send it as is.</summary>
    public static string? Choose(bool allowed, string acceptEncoding)
    {
        if (!allowed)
        {
            return null;
        }

        var accepted = acceptEncoding.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(token => token.Split(';', StringSplitOptions.TrimEntries))
            .Where(parts => !parts.Skip(1).Any(p => p.Replace(" ", "", StringComparison.Ordinal) is "q=0" or "q=0.0" or "q=0.00" or "q=0.000"))
            .Select(parts => parts[0].ToLowerInvariant())
            .ToHashSet(StringComparer.Ordinal);
        return Preferred.FirstOrDefault(accepted.Contains);
    }

    public static Stream Compress(Stream body, string encoding) => encoding switch
    {
        "gzip" => new GZipStream(body, CompressionLevel.Fastest, leaveOpen: true),
        "br" => new BrotliStream(body, CompressionLevel.Fastest, leaveOpen: true),
        _ => new ZLibStream(body, CompressionLevel.Fastest, leaveOpen: true),
    };
}
