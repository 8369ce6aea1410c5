using System.Globalization;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using ClickVault.Cluster.Shared.ClickHouse;

namespace ClickVault.Cluster.Testing.Embedded;

/// <summary>
/// Scenarios share the embedded servers, and backup/restore/verify ids carry a UTC second (<c>{run}-{shard}</c>, <c>restore-{ts}-...</c>),
/// which a coordinator moves ahead of the clock when runs follow each other within a second. A scenario that ends waits until the
/// clock is past every second used by an id on the servers, so the next scenario's coordinator cannot pick an id that a server
/// already knows (the agent would rightly refuse it: same id, another prefix).
/// </summary>
public static partial class OperationIdClock
{
    public static async Task WaitPastUsedIdsAsync(this EmbeddedClusterFixture fixture, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var latest = DateTimeOffset.MinValue;
        foreach (var node in fixture.Cluster.Nodes)
        {
            var rows = await fixture.ClientFor(node).QueryAsync(
                new ClickHouseQuery("SELECT id FROM system.backups"), OperationIdJson.Default.IdRow, cancellationToken);
            foreach (var row in rows)
            {
                foreach (Match match in Stamp().Matches(row.Id))
                {
                    var at = DateTimeOffset.ParseExact(match.Value, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
                    latest = at > latest ? at : latest;
                }
            }
        }

        var wait = latest.AddSeconds(1) - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait + TimeSpan.FromMilliseconds(50), cancellationToken);
        }
    }

    [GeneratedRegex(@"\d{8}T\d{6}Z")]
    private static partial Regex Stamp();
}

public sealed record IdRow([property: JsonPropertyName("id")] string Id);

[JsonSerializable(typeof(IdRow))]
internal sealed partial class OperationIdJson : JsonSerializerContext;
