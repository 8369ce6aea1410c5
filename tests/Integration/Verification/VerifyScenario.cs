using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using ClickVault.Cluster.Integration.Tests.ClusterRuns;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.ClickHouse;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Storage;

namespace ClickVault.Cluster.Integration.Tests.Verification;

/// <summary>What the coordinator answered a verification request: the report, or the API error with its status.</summary>
internal sealed record VerifyAnswer(int Status, VerifyReportView? Report, ApiError? Error)
{
    public VerifyReportView View => Report ?? throw new InvalidOperationException($"HTTP {Status}: {Error?.Code} {Error?.Message}");
}

/// <summary>Verification helpers over a <see cref="ClusterScenario"/>: the verify API, backups as listed, leftover scratch databases.</summary>
internal static class VerifyScenario
{
    public static async Task<VerifyAnswer> VerifyAsync(this ClusterScenario scenario, StartVerifyRequest request)
    {
        using var response = await scenario.Coordinator.Api.PostAsJsonAsync(VerifyRoutes.Verifications.TrimStart('/'), request, VerifyApiJson.Default.StartVerifyRequest);
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? new VerifyAnswer((int)response.StatusCode, JsonSerializer.Deserialize(body, VerifyApiJson.Default.VerifyReportView), null)
            : new VerifyAnswer((int)response.StatusCode, null, JsonSerializer.Deserialize(body, ApiJson.Default.ApiError));
    }

    public static async Task<IReadOnlyList<BackupView>> BackupsAsync(this ClusterScenario scenario) =>
        (await scenario.Coordinator.Api.GetFromJsonAsync(OperatorRoutes.Backups.TrimStart('/'), ApiJson.Default.IReadOnlyListBackupView))!;

    /// <summary>
    /// Deletes the native data files (<c>.bin</c>) of shard <paramref name="shard"/>'s full backup of <paramref name="run"/>
    /// whose key contains <paramref name="keyPart"/> (every one when empty); the keys deleted.
    /// </summary>
    public static async Task<IReadOnlyList<string>> DeleteDataFilesAsync(this ClusterScenario scenario, string shard, string run, string keyPart = "")
    {
        var layout = new BackupLayout(new LayoutOptions(scenario.Prefix, new ClusterName(scenario.Cluster.Cluster)));
        var prefix = layout.BackupPrefix(layout.ShardPath(new ShardId(shard)), BackupKind.Full, RunId.Parse(run));
        using var store = new S3ObjectStore(scenario.S3Options());
        var keys = (await store.ListAllAsync(prefix + "data/", null, default)).Objects.Select(o => o.Key)
            .Where(k => k.Contains(keyPart, StringComparison.Ordinal) && k.EndsWith(".bin", StringComparison.Ordinal)).ToList();
        foreach (var key in keys)
        {
            await store.DeleteAsync(key, default);
        }

        return keys;
    }

    /// <summary>Every database named like a verification's scratch database, on every node.</summary>
    public static async Task<IReadOnlyList<string>> ScratchDatabasesAsync(this ClusterScenario scenario)
    {
        var found = new List<string>();
        foreach (var node in scenario.Cluster.Nodes)
        {
            var rows = await scenario.Client(node).QueryAsync(
                new ClickHouseQuery("SELECT name FROM system.databases WHERE startsWith(name, 'clickvault_verify_')"), VerifyJson.Default.DatabaseName, default);
            found.AddRange(rows.Select(r => $"{node.Name}: {r.Name}"));
        }

        return found;
    }
}

internal sealed record DatabaseNameRow([property: JsonPropertyName("name")] string Name);

[JsonSerializable(typeof(DatabaseNameRow), TypeInfoPropertyName = "DatabaseName")]
internal sealed partial class VerifyJson : JsonSerializerContext;
