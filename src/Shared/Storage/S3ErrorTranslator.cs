using System.Collections.Frozen;
using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.S3;

namespace ClickVault.Cluster.Shared.Storage;

/// <summary>Maps AWS SDK and transport failures to <see cref="ObjectStoreException"/>s without credentials in them.</summary>
internal sealed class S3ErrorTranslator(string bucket, IReadOnlyList<string> secrets)
{
    private static readonly FrozenSet<string> TransientCodes =
        new[] { "InternalError", "RequestTimeout", "ServiceUnavailable", "SlowDown", "Throttling", "ThrottlingException" }.ToFrozenSet(StringComparer.Ordinal);

    /// <returns>The exception to throw instead, or null to let <paramref name="exception"/> through unchanged.</returns>
    public ObjectStoreException? Translate(Exception exception, string operation, string? key, CancellationToken cancellationToken)
    {
        if (exception is ObjectStoreException || (exception is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            return null;
        }

        var location = ObjectStoreException.Location(bucket, key);
        var inner = Leaks(exception) ? null : exception;
        switch (exception)
        {
            case AmazonServiceException { StatusCode: var status and not 0 } service when service.InnerException is not (HttpRequestException or IOException):
                var code = service.ErrorCode ?? status.ToString();
                if (key is not null && (code == "NoSuchKey" || (status == HttpStatusCode.NotFound && code != "NoSuchBucket")))
                {
                    return new ObjectNotFoundException(bucket, key, inner);
                }

                var message = $"{operation} of {location} failed: {(int)status} {code}: {Redact(service.Message)}";
                return status is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized
                    ? new ObjectAccessDeniedException(message, bucket, key, inner)
                    : new ObjectStoreException(message, bucket, key, IsTransient(status, code), inner);
            case AmazonClientException or AmazonServiceException or HttpRequestException or IOException or SocketException or TimeoutException or OperationCanceledException:
                var transient = IsTransport(exception);
                var reason = exception is OperationCanceledException ? "timed out" : Redact(exception.Message);
                return new ObjectStoreException($"{operation} of {location} failed: {reason}", bucket, key, transient, inner);
            default:
                return null;
        }
    }

    private static bool IsTransient(HttpStatusCode status, string code) =>
        (int)status >= 500 || status == HttpStatusCode.TooManyRequests || TransientCodes.Contains(code);

    private static bool IsTransport(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is HttpRequestException or IOException or SocketException or TimeoutException or OperationCanceledException)
            {
                return true;
            }
        }

        return false;
    }

    private bool Leaks(Exception exception)
    {
        var text = exception.ToString();
        return secrets.Any(secret => text.Contains(secret, StringComparison.Ordinal));
    }

    private string Redact(string message) =>
        secrets.Aggregate(message, (text, secret) => text.Replace(secret, "***", StringComparison.Ordinal));
}
