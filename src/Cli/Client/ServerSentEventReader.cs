using System.Runtime.CompilerServices;
using System.Text;

namespace ClickVault.Cluster.Cli.Client;

/// <summary>One dispatched Server-Sent Event: its <c>event:</c> name ("message" when absent) and joined <c>data:</c> lines.</summary>
public sealed record ServerSentEvent(string Name, string Data);

/// <summary>
/// Reads a <c>text/event-stream</c> per the WHATWG rules the coordinator uses: <c>field: value</c> lines, an empty line
/// dispatches, <c>:</c> starts a comment (keep-alive), several <c>data:</c> lines join with '\n'; <c>id</c> and
/// <c>retry</c> are ignored (the CLI polls rather than reconnects).
/// </summary>
public static class ServerSentEventReader
{
    public static async IAsyncEnumerable<ServerSentEvent> ReadAsync(
        TextReader reader,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? name = null;
        var data = new StringBuilder();
        var hasData = false;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0)
            {
                if (hasData)
                {
                    yield return new ServerSentEvent(name ?? "message", data.ToString());
                }

                name = null;
                data.Clear();
                hasData = false;
                continue;
            }

            if (line[0] == ':')
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? string.Empty : line[(colon + 1)..];
            if (value.StartsWith(' '))
            {
                value = value[1..];
            }

            switch (field)
            {
                case "event":
                    name = value;
                    break;
                case "data":
                    if (hasData)
                    {
                        data.Append('\n');
                    }

                    data.Append(value);
                    hasData = true;
                    break;
                default:
                    break;
            }
        }
    }
}
