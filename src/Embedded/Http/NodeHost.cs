using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using ClickVault.Cluster.Embedded.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ClickVault.Cluster.Embedded.Http;

/// <summary>Serves the ClickHouse HTTP interface of one embedded engine on 127.0.0.1.</summary>
public static partial class NodeHost
{
    [GeneratedRegex(@"Code: (\d+)\.")]
    private static partial Regex ErrorCode();

    public static async Task<int> RunAsync(NodeOptions options)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        await using var engine = await ChdbEngine.StartAsync(new EngineOptions(
            options.LibraryPath, options.DataPath, options.ConfigFile, options.Connections)).ConfigureAwait(false);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("ClickVault", LogLevel.Information);
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, options.Port);
            k.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ClickVault.Embedded.Node");

        app.MapMethods("/ping", ["GET", "HEAD"], () => Results.Text("Ok.\n"));
        app.Map("/", (HttpContext context) => HandleAsync(context, engine, options));
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            if (options.PidFile is not null)
            {
                File.WriteAllText(options.PidFile, Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
            }
            NodeLog.Ready(log, options.Name, options.Port, started.ElapsedMilliseconds, engine.ConnectionCount);
        });
        app.Lifetime.ApplicationStopping.Register(() => NodeLog.Stopping(log, options.Name));
        await app.RunAsync().ConfigureAwait(false);
        return 0;
    }

    private static async Task HandleAsync(HttpContext context, ChdbEngine engine, NodeOptions options)
    {
        var response = context.Response;
        if (HttpMethods.IsGet(context.Request.Method) && !context.Request.Query.ContainsKey("query"))
        {
            await response.WriteAsync("Ok.\n", context.RequestAborted).ConfigureAwait(false);
            return;
        }
        try
        {
            var request = await ClickHouseHttpRequest.ParseAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
            if (!Authenticated(request, options))
            {
                throw new ClickHouseHttpException(516, 403,
                    $"Code: 516. DB::Exception: {request.User ?? "default"}: Authentication failed: password is incorrect, or there is no user with such name. (AUTHENTICATION_FAILED)");
            }
            var result = await engine.ExecuteAsync(
                new EngineQuery(request.Sql, request.Format, request.Parameters, request.Database) { Settings = request.Settings },
                context.RequestAborted).ConfigureAwait(false);
            response.Headers["X-ClickHouse-Query-Id"] = request.QueryId;
            response.Headers["X-ClickHouse-Server-Display-Name"] = options.Name;
            if (result.Failed)
            {
                var match = ErrorCode().Match(result.Error!);
                throw new ClickHouseHttpException(match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 1002, 500, result.Error!);
            }
            response.Headers["X-ClickHouse-Format"] = request.Format;
            response.Headers["X-ClickHouse-Summary"] = string.Create(CultureInfo.InvariantCulture,
                $"{{\"read_rows\":\"{result.RowsRead}\",\"read_bytes\":\"{result.BytesRead}\",\"elapsed_ns\":\"{(long)(result.ElapsedSeconds * 1e9)}\"}}");
            response.ContentType = request.Format.StartsWith("JSON", StringComparison.Ordinal)
                ? "application/json; charset=UTF-8"
                : "text/tab-separated-values; charset=UTF-8";
            await WriteAsync(context, request, result.Output).ConfigureAwait(false);
        }
        catch (ClickHouseHttpException e)
        {
            response.StatusCode = e.Status;
            response.Headers["X-ClickHouse-Exception-Code"] = e.Code.ToString(CultureInfo.InvariantCulture);
            response.ContentType = "text/plain; charset=UTF-8";
            await response.WriteAsync(e.Message.TrimEnd() + "\n", context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static async Task WriteAsync(HttpContext context, ClickHouseHttpRequest request, byte[] output)
    {
        if (HttpBodyEncoding.Choose(request.HttpCompression, context.Request.Headers.AcceptEncoding.ToString()) is not { } encoding)
        {
            await context.Response.Body.WriteAsync(output, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        context.Response.Headers.ContentEncoding = encoding;
        await using var compressed = HttpBodyEncoding.Compress(context.Response.Body, encoding);
        await compressed.WriteAsync(output, context.RequestAborted).ConfigureAwait(false);
    }

    private static bool Authenticated(ClickHouseHttpRequest request, NodeOptions options) =>
        string.Equals(request.User ?? "default", options.User, StringComparison.Ordinal)
        && CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(request.Password ?? string.Empty), Encoding.UTF8.GetBytes(options.Password));
}

internal static partial class NodeLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "node {Name} ready on 127.0.0.1:{Port} in {ElapsedMs} ms with {Connections} engine connections")]
    public static partial void Ready(ILogger logger, string name, int port, long elapsedMs, int connections);

    [LoggerMessage(Level = LogLevel.Information, Message = "node {Name} stopping")]
    public static partial void Stopping(ILogger logger, string name);
}
