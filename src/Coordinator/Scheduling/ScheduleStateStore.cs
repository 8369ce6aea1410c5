using System.Text.Json;
using System.Text.Json.Serialization;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Storage;

namespace ClickVault.Cluster.Coordinator.Scheduling;

/// <summary>One job's mark in <c>{cluster}/journal/schedule.json</c>: the slot handled last, and the cron it was on.</summary>
public sealed record ScheduleMark(DateTimeOffset HandledThrough, string Cron, string TimeZone);

/// <summary>The document at <see cref="BackupLayout.ScheduleStateKey"/>.</summary>
public sealed record ScheduleJournalDocument(int Version, IReadOnlyDictionary<string, ScheduleMark> Jobs)
{
    public const int CurrentVersion = 1;
}

/// <summary>
/// Persists the scheduler's handled-through instant per job in S3, so a restarted coordinator runs a slot it missed
/// once, never a slot it already handled, and not one run per missed slot.
/// </summary>
public sealed class ScheduleStateStore(IObjectStore store, BackupLayout layout)
{
    public string Key => layout.ScheduleStateKey;

    /// <summary>The marks by job key; empty when nothing was written yet.</summary>
    /// <exception cref="InvalidDataException">The document exists but cannot be read.</exception>
    public async Task<IReadOnlyDictionary<string, ScheduleMark>> ReadAsync(CancellationToken cancellationToken)
    {
        ObjectContent content;
        try
        {
            content = await store.GetAsync(Key, cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectNotFoundException)
        {
            return new Dictionary<string, ScheduleMark>();
        }
        try
        {
            var document = JsonSerializer.Deserialize(content.Data.Span, ScheduleJson.Default.ScheduleJournalDocument);
            return document?.Jobs ?? throw new InvalidDataException($"schedule state '{Key}' is empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"schedule state '{Key}' is unreadable: {e.Message}", e);
        }
    }

    /// <summary>Replaces the document with the marks of <paramref name="states"/> (schedules not yet armed are left out).</summary>
    public Task WriteAsync(IEnumerable<ScheduleState> states, CancellationToken cancellationToken)
    {
        var jobs = states
            .Where(s => s.HandledThrough is not null)
            .ToDictionary(s => s.Schedule.Name, s => new ScheduleMark(s.HandledThrough!.Value, s.Schedule.Cron.Text, s.Schedule.Zone.Id), StringComparer.Ordinal);
        var document = new ScheduleJournalDocument(ScheduleJournalDocument.CurrentVersion, jobs);
        return store.PutAsync(Key, JsonSerializer.SerializeToUtf8Bytes(document, ScheduleJson.Default.ScheduleJournalDocument), "application/json", cancellationToken);
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(ScheduleJournalDocument))]
internal sealed partial class ScheduleJson : JsonSerializerContext;
