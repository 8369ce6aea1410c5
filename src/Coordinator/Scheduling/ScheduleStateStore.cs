using System.Text.Json.Serialization;
using ClickVault.Cluster.Coordinator.Journal;
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
    private readonly JournalDocument<ScheduleJournalDocument> _document =
        new(store, layout.ScheduleStateKey, ScheduleJson.Default.ScheduleJournalDocument, "schedule state");

    public string Key => _document.Key;

    /// <summary>The marks by job key; empty when nothing was written yet.</summary>
    /// <exception cref="InvalidDataException">The document exists but cannot be read.</exception>
    public async Task<IReadOnlyDictionary<string, ScheduleMark>> ReadAsync(CancellationToken cancellationToken) =>
        await _document.ReadAsync(cancellationToken).ConfigureAwait(false) is { } document
            ? document.Jobs ?? throw new InvalidDataException($"schedule state '{Key}' has no jobs")
            : new Dictionary<string, ScheduleMark>();

    /// <summary>Replaces the document with the marks of <paramref name="states"/> (schedules not yet armed are left out).</summary>
    public Task WriteAsync(IEnumerable<ScheduleState> states, CancellationToken cancellationToken)
    {
        var jobs = states
            .Where(s => s.HandledThrough is not null)
            .ToDictionary(s => s.Schedule.Name, s => new ScheduleMark(s.HandledThrough!.Value, s.Schedule.Cron.Text, s.Schedule.Zone.Id), StringComparer.Ordinal);
        return _document.WriteAsync(new ScheduleJournalDocument(ScheduleJournalDocument.CurrentVersion, jobs), cancellationToken);
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(ScheduleJournalDocument))]
internal sealed partial class ScheduleJson : JsonSerializerContext;
