using System.Text.Json;

namespace ClickVault.Cluster.Cli.Errors;

/// <summary>
/// Prints a <see cref="CliFailure"/>: one <c>error: ...</c> line on stderr, or with <c>--json</c> one
/// <c>{"error":{"code":..,"message":..,"exit_code":..}}</c> document on stdout. The operator token never
/// leaves this class, even when a server echoes it back in its message.
/// </summary>
public sealed class ErrorReporter(TextWriter stdout, TextWriter stderr)
{
    public const string Redacted = "[REDACTED]";

    public void Report(CliFailure failure, bool json, string? token)
    {
        var message = Redact(failure.Message, token);
        if (json)
        {
            var document = new CliErrorDocument(new CliErrorBody(failure.Code, message, failure.ExitCode));
            stdout.WriteLine(JsonSerializer.Serialize(document, CliJson.Default.CliErrorDocument));
            stdout.Flush();
            return;
        }

        stderr.WriteLine($"error: {message}");
        stderr.Flush();
    }

    /// <summary>A warning that does not end the command (always stderr, so JSON on stdout stays parseable).</summary>
    public void Warn(string message, string? token)
    {
        stderr.WriteLine($"warning: {Redact(message, token)}");
        stderr.Flush();
    }

    internal static string Redact(string text, string? token) =>
        string.IsNullOrEmpty(token) ? text : text.Replace(token, Redacted, StringComparison.Ordinal);
}
