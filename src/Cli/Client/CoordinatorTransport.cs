using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ClickVault.Cluster.Cli.Errors;
using ClickVault.Cluster.Shared.Api;

namespace ClickVault.Cluster.Cli.Client;

/// <summary>
/// HTTP plumbing under <see cref="CoordinatorClient"/>: builds authenticated requests, applies the per-request timeout,
/// and turns every transport or status failure into a typed <see cref="CliException"/>.
/// </summary>
internal sealed class CoordinatorTransport(HttpClient http, CoordinatorConnection connection, ApiJson json)
{
    private const int SnippetLength = 200;

    public CoordinatorConnection Connection { get; } = connection;

    /// <summary>The same transport waiting up to <paramref name="requestTimeout"/> for an answer (for calls that run long on the coordinator).</summary>
    public CoordinatorTransport WithTimeout(TimeSpan requestTimeout) => new(http, Connection with { RequestTimeout = requestTimeout }, json);

    public HttpRequestMessage NewRequest(HttpMethod method, string pathAndQuery, string accept)
    {
        var request = new HttpRequestMessage(method, Connection.Resolve(pathAndQuery));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        if (Connection.Token is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        }

        return request;
    }

    /// <summary>Sends and reads a JSON body of type <typeparamref name="T"/> within the request timeout.</summary>
    public async Task<T> SendForJsonAsync<T>(HttpRequestMessage request, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Connection.RequestTimeout);
        var description = Describe(request);
        using var response = await SendAsync(request, timeout.Token, cancellationToken).ConfigureAwait(false);
        var body = await ReadBodyAsync(response, description, timeout.Token, cancellationToken).ConfigureAwait(false);
        T? value;
        try
        {
            value = JsonSerializer.Deserialize(body, typeInfo);
        }
        catch (JsonException ex)
        {
            throw new CoordinatorProtocolException(
                $"{description} answered HTTP {(int)response.StatusCode} with a body that is not a valid {Shape(typeInfo)} " +
                $"({ContentType(response)}): {ex.Message}",
                ex);
        }

        return value ?? throw new CoordinatorProtocolException(
            $"{description} answered HTTP {(int)response.StatusCode} with an empty or null body where a {Shape(typeInfo)} was expected");
    }

    /// <summary>
    /// Sends and returns the successful response with its headers read; the body is the caller's to stream.
    /// The request timeout covers only the wait for the headers.
    /// </summary>
    public async Task<HttpResponseMessage> SendForStreamAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Connection.RequestTimeout);
        return await SendAsync(request, timeout.Token, cancellationToken).ConfigureAwait(false);
    }

    public static string Describe(HttpRequestMessage request) =>
        $"{request.Method} {request.RequestUri?.AbsolutePath}";

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken timeoutToken, CancellationToken callerToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeoutToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!callerToken.IsCancellationRequested)
        {
            throw TimedOut(ex);
        }
        catch (HttpRequestException ex) when (!callerToken.IsCancellationRequested)
        {
            throw Translate(ex, Describe(request));
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await ReadFailureAsync(response, Describe(request), timeoutToken, callerToken).ConfigureAwait(false);
        }
    }

    private async Task<string> ReadBodyAsync(HttpResponseMessage response, string description, CancellationToken timeoutToken, CancellationToken callerToken)
    {
        try
        {
            return await response.Content.ReadAsStringAsync(timeoutToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!callerToken.IsCancellationRequested)
        {
            throw TimedOut(ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException && !callerToken.IsCancellationRequested)
        {
            throw new CoordinatorUnreachableException(
                Connection.BaseAddress, $"the connection broke while reading the answer to {description}", ex);
        }
    }

    private async Task<Exception> ReadFailureAsync(HttpResponseMessage response, string description, CancellationToken timeoutToken, CancellationToken callerToken)
    {
        var body = await ReadBodyAsync(response, description, timeoutToken, callerToken).ConfigureAwait(false);
        var error = TryReadApiError(body);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            return new CoordinatorAuthException(response.StatusCode, error, Connection.Token is not null);
        }

        var detail = error is not null
            ? null
            : response.Headers.Location is { } location
                ? $"the coordinator redirects to {location}; use that address as --coordinator"
                : body.Length == 0
                    ? "the response had no body"
                    : $"the body is not an API error ({ContentType(response)}): {Snippet(body)}";
        return new CoordinatorApiException(response.StatusCode, error, description, detail);
    }

    private ApiError? TryReadApiError(string body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(body, json.ApiError);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private CoordinatorUnreachableException TimedOut(Exception inner) =>
        new(Connection.BaseAddress, $"no answer within {DisplayDuration(Connection.RequestTimeout)} (raise --timeout if the coordinator is slow)", inner);

    private CliException Translate(HttpRequestException ex, string description) => ex.HttpRequestError switch
    {
        HttpRequestError.NameResolutionError => new CoordinatorUnreachableException(
            Connection.BaseAddress, $"the host name '{Connection.BaseAddress.Host}' does not resolve", ex),
        HttpRequestError.ConnectionError when FindSocketError(ex) is { } socket => new CoordinatorUnreachableException(
            Connection.BaseAddress, SocketReason(socket), ex),
        HttpRequestError.InvalidResponse or HttpRequestError.HttpProtocolError or HttpRequestError.VersionNegotiationError =>
            new CoordinatorProtocolException(
                $"the server at {Connection.BaseAddress} answered {description} with something that is not valid HTTP " +
                $"(is --coordinator pointing at the coordinator's HTTP port?): {ex.Message}",
                ex),
        HttpRequestError.SecureConnectionError => new CoordinatorUnreachableException(
            Connection.BaseAddress, $"the TLS handshake failed: {ex.Message}", ex),
        _ => new CoordinatorUnreachableException(Connection.BaseAddress, ex.InnerException is { } inner ? $"{ex.Message} ({inner.Message})" : ex.Message, ex),
    };

    private static SocketException? FindSocketError(Exception ex)
    {
        for (var current = ex.InnerException; current is not null; current = current.InnerException)
        {
            if (current is SocketException socket)
            {
                return socket;
            }
        }

        return null;
    }

    private static string SocketReason(SocketException socket) => socket.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => "connection refused",
        SocketError.HostUnreachable or SocketError.NetworkUnreachable => "host unreachable",
        SocketError.TimedOut => "connecting timed out",
        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "the host name does not resolve",
        _ => socket.Message,
    };

    private static string Shape<T>(JsonTypeInfo<T> typeInfo) =>
        typeInfo.Type.IsGenericType ? $"list of {typeInfo.Type.GetGenericArguments()[0].Name}" : typeInfo.Type.Name;

    private static string ContentType(HttpResponseMessage response) =>
        $"Content-Type {response.Content.Headers.ContentType?.ToString() ?? "missing"}";

    private static string Snippet(string body)
    {
        var flat = body.ReplaceLineEndings(" ").Trim();
        return flat.Length <= SnippetLength ? $"'{flat}'" : $"'{flat[..SnippetLength]}...'";
    }

    private static string DisplayDuration(TimeSpan duration) =>
        duration.TotalSeconds >= 1 && duration.Milliseconds == 0 ? $"{(long)duration.TotalSeconds}s" : $"{(long)duration.TotalMilliseconds}ms";
}
