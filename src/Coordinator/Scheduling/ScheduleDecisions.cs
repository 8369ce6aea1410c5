using System.Globalization;

namespace ClickVault.Cluster.Coordinator.Scheduling;

/// <summary>
/// What the scheduler remembers of one schedule. <see cref="HandledThrough"/> is the slot last handled (run or
/// skipped) or, before the first slot, the instant the schedule was first armed; null on the very first start.
/// Persist it so a restarted coordinator neither repeats nor forgets slots.
/// </summary>
public sealed record ScheduleState(CronSchedule Schedule, DateTimeOffset? HandledThrough);

/// <summary>What the scheduler should do now about one schedule.</summary>
public abstract record ScheduleDecision;

/// <summary>
/// Start a run for <paramref name="Slot"/>. <paramref name="MissedSince"/> is set when several slots passed unhandled
/// (e.g. the coordinator was down): they are run once, for the latest slot, and this is the earliest of them.
/// </summary>
public sealed record Due(DateTimeOffset Slot, DateTimeOffset? MissedSince) : ScheduleDecision;

/// <summary>Nothing to do before <paramref name="Next"/>; null when the expression never fires again.</summary>
public sealed record NotDue(DateTimeOffset? Next) : ScheduleDecision;

/// <summary><paramref name="Slot"/> came due while a run was active: it is dropped, not queued.</summary>
public sealed record Skipped(DateTimeOffset Slot, string Reason) : ScheduleDecision;

/// <summary>A decision and the state to keep (and persist) afterwards.</summary>
public sealed record ScheduleStep(ScheduleDecision Decision, ScheduleState State);

/// <summary>The scheduler's pure state machine: the caller owns the clock, the timers and the persistence.</summary>
public static class ScheduleDecisions
{
    /// <summary>
    /// Decides about the slots in (<see cref="ScheduleState.HandledThrough"/>, <paramref name="now"/>]. None:
    /// <see cref="NotDue"/>. Some: the latest one is <see cref="Due"/>, or <see cref="Skipped"/> when
    /// <paramref name="runActive"/>; either way all of them count as handled. On the first start nothing is due
    /// before the first slot after <paramref name="now"/>.
    /// </summary>
    public static ScheduleStep Decide(ScheduleState state, DateTimeOffset now, bool runActive)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.HandledThrough is not { } handled)
        {
            return new ScheduleStep(new NotDue(state.Schedule.NextSlot(now)), state with { HandledThrough = now });
        }
        var first = state.Schedule.NextSlot(handled);
        if (first is not { } firstSlot || firstSlot > now)
        {
            return new ScheduleStep(new NotDue(first), state);
        }
        var slot = state.Schedule.LatestSlot(handled, now) ?? firstSlot;
        var next = state with { HandledThrough = slot };
        if (runActive)
        {
            var reason = string.Create(CultureInfo.InvariantCulture,
                $"schedule {state.Schedule.Name}: slot {slot:u} came due while a run was active; skipped, not queued");
            return new ScheduleStep(new Skipped(slot, reason), next);
        }
        return new ScheduleStep(new Due(slot, slot == firstSlot ? null : firstSlot), next);
    }
}
